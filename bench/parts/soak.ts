// Part 5, soak: full REST load plus WebSocket connects/disconnects; memory must level off, nothing may fail or leak.
import type { ChurnReport } from "../clients/ws-fleet.js";
import type { TsChild } from "../lib/children.js";
import { sleep } from "../lib/concurrency.js";
import { LatencyHistogram } from "../lib/latency-histogram.js";
import { type LoadResult, runLoad } from "../lib/load.js";
import { formatBytes, formatInt, formatTable, type PartResult, type TargetCheck } from "../lib/report.js";
import { SEND_PATH, SMALL_BODY } from "../lib/routes.js";
import { restAuthorization } from "../lib/tokens.js";
import type { MemoryFigures, SocketCounts } from "../servers/hubkit-server.js";
import { connectFleet } from "./fleet-setup.js";

export interface SoakSettings {
  warmupSeconds: number;
  seconds: number;
  connections: number;
  /** Parallel connect/handshake/close loops in the client fleet. */
  churnLoops: number;
  sampleEveryMs: number;
}

export const SOAK_FULL: SoakSettings = {
  warmupSeconds: 10,
  seconds: 60,
  connections: 50,
  churnLoops: 8,
  sampleEveryMs: 5000,
};
export const SOAK_QUICK: SoakSettings = {
  warmupSeconds: 3,
  seconds: 10,
  connections: 50,
  churnLoops: 8,
  sampleEveryMs: 2000,
};
const MAX_RSS_GROWTH = 0.1;

interface Phase {
  load: LoadResult;
  churn: ChurnReport;
  rssSamples: number[];
}

export async function runSoakPart(settings: SoakSettings): Promise<PartResult> {
  const children: TsChild[] = [];
  try {
    const { hubkit, fleet, url } = await connectFleet(children, 1000);
    const authorization = await restAuthorization(url, SEND_PATH);
    const phase = async (seconds: number): Promise<Phase> => {
      const rssSamples: number[] = [];
      const sampler = setInterval(() => {
        hubkit.ipc.call<MemoryFigures>("memory", { collect: false }).then(
          (m) => rssSamples.push(m.rss),
          () => {},
        );
      }, settings.sampleEveryMs);
      try {
        const [load, churn] = await Promise.all([
          runLoad({
            url: url + SEND_PATH,
            method: "POST",
            headers: { authorization, "content-type": "application/json" },
            body: SMALL_BODY,
            connections: settings.connections,
            durationSeconds: seconds,
            histogram: new LatencyHistogram(),
          }),
          fleet.ipc.call<ChurnReport>(
            "churn",
            { durationMs: seconds * 1000, concurrency: settings.churnLoops },
            seconds * 1000 + 60_000,
          ),
        ]);
        return { load, churn, rssSamples };
      } finally {
        clearInterval(sampler);
      }
    };
    process.stdout.write(`  soak: warm-up ${settings.warmupSeconds} s\n`);
    const warmup = await phase(settings.warmupSeconds);
    const afterWarmup = await hubkit.ipc.call<MemoryFigures>("memory");
    process.stdout.write(`  soak: ${settings.seconds} s of load and churn\n`);
    const soak = await phase(settings.seconds);
    const leftover = await settle(hubkit);
    const atEnd = await hubkit.ipc.call<MemoryFigures>("memory");
    const stats = await fleet.ipc.call<{ unexpectedCloses: number }>("stats");
    return summarize({
      settings,
      warmup,
      soak,
      afterWarmup,
      atEnd,
      leftover,
      unexpectedCloses: stats.unexpectedCloses,
    });
  } finally {
    await Promise.allSettled(children.map((c) => c.stop()));
  }
}

/** Sockets take a moment to close after the load stops; wait (bounded) until the mock holds none. */
async function settle(hubkit: TsChild): Promise<SocketCounts> {
  let counts = await hubkit.ipc.call<SocketCounts>("counts");
  for (let i = 0; i < 50 && (counts.storeConnections > 0 || counts.tcpSockets > 0); i++) {
    await sleep(100);
    counts = await hubkit.ipc.call<SocketCounts>("counts");
  }
  return counts;
}

function summarize(run: {
  settings: SoakSettings;
  warmup: Phase;
  soak: Phase;
  afterWarmup: MemoryFigures;
  atEnd: MemoryFigures;
  leftover: SocketCounts;
  unexpectedCloses: number;
}): PartResult {
  const { soak, afterWarmup, atEnd, leftover } = run;
  const growth = (atEnd.rss - afterWarmup.rss) / afterWarmup.rss;
  const errors = soak.load.failures + soak.churn.errors + run.unexpectedCloses;
  const leaked = leftover.storeConnections + leftover.tcpSockets;
  const peak = Math.max(afterWarmup.rss, ...soak.rssSamples);
  const table = formatTable(
    `Soak (${run.settings.seconds} s after a ${run.settings.warmupSeconds} s warm-up: POST :send with ${run.settings.connections} connections, ${run.settings.churnLoops} connect/close loops)`,
    ["measure", "value"],
    [
      ["REST requests (2xx)", formatInt(soak.load.requests)],
      ["REST req/s", formatInt(soak.load.requests / soak.load.durationSeconds)],
      ["REST failures", formatInt(soak.load.failures)],
      ["WebSocket connect/close cycles", formatInt(soak.churn.cycles)],
      ["WebSocket errors", formatInt(soak.churn.errors + run.unexpectedCloses)],
      ["RSS after warm-up (GC)", formatBytes(afterWarmup.rss)],
      ["RSS peak (sampled)", formatBytes(peak)],
      ["RSS at end (GC)", formatBytes(atEnd.rss)],
      ["RSS change", `${(growth * 100).toFixed(1)} %`],
      ["JS heap after warm-up / at end (GC)", `${formatBytes(afterWarmup.heapUsed)} / ${formatBytes(atEnd.heapUsed)}`],
      ["connections left in store", formatInt(leftover.storeConnections)],
      ["TCP sockets left open", formatInt(leftover.tcpSockets)],
    ],
  );
  const targets: TargetCheck[] = [
    {
      part: "soak",
      name: "RSS at end vs after warm-up",
      target: "within 10 %",
      actual: `${(growth * 100).toFixed(1)} %`,
      met: Math.abs(growth) <= MAX_RSS_GROWTH,
    },
    { part: "soak", name: "errors", target: "0", actual: String(errors), met: errors === 0 },
    { part: "soak", name: "leaked connections and sockets", target: "0", actual: String(leaked), met: leaked === 0 },
  ];
  const notes = soak.churn.problems.map((p) => `churn: ${p}`);
  if (soak.load.failures > 0) notes.push(`REST status codes: ${JSON.stringify(soak.load.statusCodes)}`);
  return { name: "soak", figures: { ...run, growth, errors, leaked, peakRss: peak }, tables: [table], targets, notes };
}
