// Part 1, REST throughput: hubkit's mock vs a bare node:http server (the ceiling) vs Prism, interleaved in one run.
import { startTsChild, type TsChild } from "../lib/children.js";
import { LatencyHistogram } from "../lib/latency-histogram.js";
import { runLoad } from "../lib/load.js";
import { cpuMillis } from "../lib/process-cpu.js";
import { formatInt, formatTable, type PartResult, type TargetCheck } from "../lib/report.js";
import { HEAD_PATH, HUB, SEEDED_CONNECTION, SEND_PATH, SMALL_BODY } from "../lib/routes.js";
import { restAuthorization } from "../lib/tokens.js";

const SERVERS = ["hubkit", "bare", "prism"] as const;
type ServerName = (typeof SERVERS)[number];

interface Scenario {
  name: string;
  method: "POST" | "HEAD";
  path: string;
  body?: string;
  expectedStatus: number;
}

const SCENARIOS: Scenario[] = [
  { name: "POST :send", method: "POST", path: SEND_PATH, body: SMALL_BODY, expectedStatus: 202 },
  { name: "HEAD connection", method: "HEAD", path: HEAD_PATH, expectedStatus: 200 },
];

export interface RestSettings {
  connections: number;
  /** Measured seconds per server and scenario, split over `rounds` (alternating server order). */
  secondsPerServer: number;
  rounds: number;
  warmupSeconds: number;
}

export const REST_FULL: RestSettings = { connections: 50, secondsPerServer: 10, rounds: 5, warmupSeconds: 2 };
export const REST_QUICK: RestSettings = { connections: 50, secondsPerServer: 3, rounds: 1, warmupSeconds: 1 };

interface Row {
  scenario: string;
  server: ServerName;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU (user + system) per answered request, in microseconds. */
  cpuUsPerRequest: number;
  failures: number;
  statusCodes: Record<string, number>;
}

export async function runRestPart(settings: RestSettings): Promise<PartResult> {
  const children: TsChild[] = [];
  try {
    // Prism first: its port is picked before it starts, and a server on port 0 started meanwhile could be given it.
    const prism = startTsChild({ name: "prism", script: "bench/servers/prism-server.ts" });
    children.push(prism);
    const prismInfo = await prism.ipc.ready<{ url: string; pid: number }>(60_000);
    const hubkit = startTsChild({ name: "hubkit mock", script: "bench/servers/hubkit-server.ts", underTest: true });
    const bare = startTsChild({ name: "bare server", script: "bench/servers/bare-server.ts" });
    children.push(hubkit, bare);
    const [hubkitInfo, bareInfo] = await Promise.all([
      hubkit.ipc.ready<{ url: string }>(30_000),
      bare.ipc.ready<{ url: string }>(30_000),
    ]);
    await hubkit.ipc.call("seedConnection", { hub: HUB, id: SEEDED_CONNECTION });
    const urls: Record<ServerName, string> = { hubkit: hubkitInfo.url, bare: bareInfo.url, prism: prismInfo.url };
    const pids: Record<ServerName, number | undefined> = {
      hubkit: hubkit.child.pid,
      bare: bare.child.pid,
      prism: prismInfo.pid,
    };
    if (new Set(Object.values(urls)).size !== SERVERS.length) {
      throw new Error(`two servers share a URL: ${JSON.stringify(urls)}`);
    }
    const rows = await measureAll({ urls, pids }, settings);
    return summarize(rows, settings);
  } finally {
    await Promise.allSettled(children.map((c) => c.stop()));
  }
}

interface Servers {
  urls: Record<ServerName, string>;
  pids: Record<ServerName, number | undefined>;
}

async function measureAll(servers: Servers, settings: RestSettings): Promise<Row[]> {
  const rows: Row[] = [];
  for (const scenario of SCENARIOS) rows.push(...(await measureScenario(scenario, servers, settings)));
  return rows;
}

interface Totals {
  histogram: LatencyHistogram;
  requests: number;
  seconds: number;
  failures: number;
  codes: Record<string, number>;
  /** CPU milliseconds the server process spent during the measured runs; NaN without /proc. */
  cpuMs: number;
}

async function measureScenario(scenario: Scenario, { urls, pids }: Servers, settings: RestSettings): Promise<Row[]> {
  const auth = Object.fromEntries(
    await Promise.all(SERVERS.map(async (s) => [s, await restAuthorization(urls[s], scenario.path)] as const)),
  ) as Record<ServerName, string>;
  for (const server of SERVERS) await checkAnswer(server, urls[server], scenario, auth[server]);
  const load = (server: ServerName, seconds: number, histogram: LatencyHistogram) =>
    runLoad({
      url: urls[server] + scenario.path,
      method: scenario.method,
      headers: { authorization: auth[server], ...(scenario.body ? { "content-type": "application/json" } : {}) },
      ...(scenario.body === undefined ? {} : { body: scenario.body }),
      connections: settings.connections,
      durationSeconds: seconds,
      histogram,
    });
  for (const server of SERVERS) await load(server, settings.warmupSeconds, new LatencyHistogram());
  const totals = new Map<ServerName, Totals>(
    SERVERS.map((s) => [
      s,
      { histogram: new LatencyHistogram(), requests: 0, seconds: 0, failures: 0, codes: {}, cpuMs: 0 },
    ]),
  );
  for (let round = 0; round < settings.rounds; round++) {
    // Alternate the order, so drift in the machine's load (other processes, thermal) is shared out evenly.
    const order = round % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    for (const server of order) {
      const total = totals.get(server)!;
      process.stdout.write(`  rest: ${scenario.name} -> ${server} (round ${round + 1}/${settings.rounds})\n`);
      const cpuBefore = cpuMillis(pids[server]) ?? Number.NaN;
      const result = await load(server, settings.secondsPerServer / settings.rounds, total.histogram);
      total.cpuMs += (cpuMillis(pids[server]) ?? Number.NaN) - cpuBefore;
      total.requests += result.requests;
      total.seconds += result.durationSeconds;
      total.failures += result.failures;
      for (const [code, count] of Object.entries(result.statusCodes))
        total.codes[code] = (total.codes[code] ?? 0) + count;
    }
  }
  return SERVERS.map((server) => {
    const total = totals.get(server)!;
    return {
      scenario: scenario.name,
      server,
      requests: total.requests,
      rps: total.requests / total.seconds,
      p50Ms: total.histogram.percentile(50),
      p99Ms: total.histogram.percentile(99),
      cpuUsPerRequest: (total.cpuMs * 1000) / total.requests,
      failures: total.failures,
      statusCodes: total.codes,
    };
  });
}

/** One request before loading: a wrong status (401, 404) would make every figure meaningless. */
async function checkAnswer(server: ServerName, url: string, scenario: Scenario, authorization: string): Promise<void> {
  const res = await fetch(url + scenario.path, {
    method: scenario.method,
    headers: { authorization, ...(scenario.body ? { "content-type": "application/json" } : {}) },
    ...(scenario.body === undefined ? {} : { body: scenario.body }),
  });
  await res.arrayBuffer();
  if (res.status !== scenario.expectedStatus) {
    throw new Error(
      `${server} answered ${scenario.method} ${scenario.path} with ${res.status}, expected ${scenario.expectedStatus}`,
    );
  }
}

function summarize(rows: Row[], settings: RestSettings): PartResult {
  const targets: TargetCheck[] = [];
  const ratioRows: string[][] = [];
  for (const scenario of SCENARIOS) {
    const get = (server: ServerName) => rows.find((r) => r.scenario === scenario.name && r.server === server)!;
    const toBare = get("hubkit").rps / get("bare").rps;
    const toPrism = get("hubkit").rps / get("prism").rps;
    // The same ratios from server CPU per request: what each answer costs, whatever else the machine was doing.
    const cpuToBare = get("bare").cpuUsPerRequest / get("hubkit").cpuUsPerRequest;
    const cpuToPrism = get("prism").cpuUsPerRequest / get("hubkit").cpuUsPerRequest;
    ratioRows.push([
      scenario.name,
      `${toBare.toFixed(2)} x`,
      `${toPrism.toFixed(1)} x`,
      Number.isNaN(cpuToBare) ? "n/a" : `${cpuToBare.toFixed(2)} x`,
      Number.isNaN(cpuToPrism) ? "n/a" : `${cpuToPrism.toFixed(1)} x`,
    ]);
    targets.push(
      {
        part: "rest",
        name: `${scenario.name}: hubkit / bare`,
        target: ">= 0.70 x",
        actual: `${toBare.toFixed(2)} x`,
        met: toBare >= 0.7,
      },
      {
        part: "rest",
        name: `${scenario.name}: hubkit / Prism`,
        target: ">= 10 x",
        actual: `${toPrism.toFixed(1)} x`,
        met: toPrism >= 10,
      },
    );
  }
  const failing = rows.filter((r) => r.failures > 0);
  const tables = [
    formatTable(
      `REST throughput (autocannon, ${settings.connections} connections, ${settings.secondsPerServer} s per server in ${settings.rounds} round(s), auth on)`,
      ["route", "server", "req/s", "p50", "p99", "server CPU / request", "requests", "failures"],
      rows.map((r) => [
        r.scenario,
        r.server,
        formatInt(r.rps),
        `${r.p50Ms.toFixed(2)} ms`,
        `${r.p99Ms.toFixed(2)} ms`,
        Number.isNaN(r.cpuUsPerRequest) ? "n/a" : `${r.cpuUsPerRequest.toFixed(1)} us`,
        formatInt(r.requests),
        formatInt(r.failures),
      ]),
    ),
    formatTable(
      "REST ratios (hubkit against the others, > 1 x means hubkit is faster; by req/s and by server CPU per request)",
      ["route", "hubkit / bare", "hubkit / Prism", "by CPU: hubkit / bare", "by CPU: hubkit / Prism"],
      ratioRows,
    ),
  ];
  const notes = failing.map(
    (r) =>
      `${r.scenario} on ${r.server}: ${r.failures} failed requests (status codes ${JSON.stringify(r.statusCodes)})`,
  );
  return { name: "rest", figures: { settings, rows }, tables, targets, notes };
}
