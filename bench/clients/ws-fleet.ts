// Bench child: thousands of lite clients in one process; times a REST send from the call to the last client's receipt.
import { performance } from "node:perf_hooks";
import { Pool } from "undici";
import { mapLimit, sleep } from "../lib/concurrency.js";
import { serveIpc } from "../lib/ipc.js";
import { GROUP_SEND_PATH, groupMemberPath, HUB, MESSAGE_TARGET, messageBody, SEND_PATH } from "../lib/routes.js";
import { clientToken, restAuthorization } from "../lib/tokens.js";
import { connectLiteClient, type LiteClient, type LiteClientEvents } from "./lite-client.js";

export interface ConnectReport {
  total: number;
  failed: number;
  seconds: number;
  problems: string[];
}

export interface DeliveryReport {
  expected: number;
  received: number;
  restStatus: number;
  restMs: number;
  /** Median and last receipt, in milliseconds after the REST call started. */
  p50Ms: number;
  lastMs: number;
  /** Duplicates and deliveries to clients outside the group. */
  wrong: number;
}

export interface ChurnReport {
  cycles: number;
  errors: number;
  problems: string[];
}

interface Expectation {
  seq: number;
  group: boolean;
  expected: number;
  times: Float64Array;
  received: number;
  wrong: number;
  t0: number;
  done: () => void;
}

const CONNECT_TIMEOUT_MS = 20_000;
const clients: LiteClient[] = [];
const lastSeq = new WeakMap<LiteClient, number>();
const problems: string[] = [];
let unexpectedCloses = 0;
let expectation: Expectation | undefined;
let seq = 0;

const origin = process.argv[2] ?? "";
const pool = new Pool(origin, { connections: 32 });
const token = await clientToken(origin);
const authorizations = new Map<string, Promise<string>>();
const authorization = (path: string) => {
  if (!authorizations.has(path)) authorizations.set(path, restAuthorization(origin, path));
  return authorizations.get(path)!;
};

function note(problem: string): void {
  if (problems.length < 10) problems.push(problem);
}

const events: LiteClientEvents = {
  onInvocation(client, target, args) {
    const e = expectation;
    if (target !== MESSAGE_TARGET || !e || args[0] !== e.seq) return;
    if (lastSeq.get(client) === e.seq || (e.group && !client.member)) {
      e.wrong++;
      return;
    }
    lastSeq.set(client, e.seq);
    e.times[e.received++] = performance.now() - e.t0;
    if (e.received === e.expected) e.done();
  },
  onUnexpectedClose(_client, detail) {
    unexpectedCloses++;
    note(detail);
  },
};

const connectOptions = {
  pool,
  wsOrigin: origin.replace(/^http/, "ws"),
  hub: HUB,
  token,
  events,
  timeoutMs: CONNECT_TIMEOUT_MS,
};

// The mock closes clients silent for 30 s; each client pings every 10 s, a tenth of them per tick.
let tick = 0;
setInterval(() => {
  tick++;
  for (let i = tick % 10; i < clients.length; i += 10) clients[i]!.ping();
}, 1000);

async function connect(params: { count: number; concurrency: number }): Promise<ConnectReport> {
  const started = performance.now();
  const first = clients.length;
  let failed = 0;
  const fresh: LiteClient[] = [];
  await mapLimit(params.count, params.concurrency, async () => {
    try {
      const client = await connectLiteClient(connectOptions);
      fresh.push(client);
      clients.push(client);
    } catch (error) {
      failed++;
      note(`connect: ${(error as Error).message}`);
    }
  });
  // Every other client (by overall position) joins the group, so the group is always half of the clients.
  const members = fresh.filter((_, i) => (first + i) % 2 === 0);
  await mapLimit(members.length, 16, async (i) => {
    const client = members[i]!;
    const path = groupMemberPath(client.connectionId);
    const res = await pool.request({ method: "PUT", path, headers: { authorization: await authorization(path) } });
    await res.body.dump();
    if (res.statusCode === 200) client.member = true;
    else note(`group join answered ${res.statusCode}`);
  });
  return { total: clients.length, failed, seconds: (performance.now() - started) / 1000, problems: [...problems] };
}

async function measure(params: { group: boolean; timeoutMs: number }): Promise<DeliveryReport> {
  const expected = clients.filter((c) => c.open && (!params.group || c.member)).length;
  const path = params.group ? GROUP_SEND_PATH : SEND_PATH;
  const headers = { authorization: await authorization(path), "content-type": "application/json" };
  let done!: () => void;
  const allReceived = new Promise<void>((resolve) => {
    done = resolve;
  });
  seq++;
  const e: Expectation = {
    seq,
    group: params.group,
    expected,
    times: new Float64Array(expected),
    received: 0,
    wrong: 0,
    t0: 0,
    done,
  };
  expectation = e;
  e.t0 = performance.now();
  const res = await pool.request({ method: "POST", path, headers, body: messageBody(seq) });
  const restMs = performance.now() - e.t0;
  await res.body.dump();
  if (expected > 0) await Promise.race([allReceived, sleep(params.timeoutMs)]);
  expectation = undefined;
  const times = e.times.slice(0, e.received).sort();
  return {
    expected,
    received: e.received,
    restStatus: res.statusCode,
    restMs,
    p50Ms: times[Math.floor(times.length / 2)] ?? Number.NaN,
    lastMs: e.received === expected ? (times[times.length - 1] ?? 0) : Number.NaN,
    wrong: e.wrong,
  };
}

async function closeAll(): Promise<number> {
  const closing = clients.splice(0, clients.length);
  await mapLimit(closing.length, 200, (i) => closing[i]!.close());
  return closing.length;
}

/** Connect, handshake, close, again, on `concurrency` loops until the deadline. */
async function churn(params: { durationMs: number; concurrency: number }): Promise<ChurnReport> {
  const deadline = performance.now() + params.durationMs;
  let cycles = 0;
  let errors = 0;
  const churnEvents: LiteClientEvents = {
    onInvocation() {},
    onUnexpectedClose(_c, detail) {
      errors++;
      note(`churn: ${detail}`);
    },
  };
  await mapLimit(params.concurrency, params.concurrency, async () => {
    while (performance.now() < deadline) {
      try {
        const client = await connectLiteClient({ ...connectOptions, events: churnEvents });
        await sleep(Math.random() * 20);
        await client.close();
        cycles++;
      } catch (error) {
        errors++;
        note(`churn: ${(error as Error).message}`);
        await sleep(100);
      }
    }
  });
  return { cycles, errors, problems: [...problems] };
}

serveIpc(
  { pid: process.pid },
  {
    connect,
    measure,
    closeAll,
    churn,
    stats: () => ({ open: clients.filter((c) => c.open).length, unexpectedCloses, problems: [...problems] }),
  },
);
