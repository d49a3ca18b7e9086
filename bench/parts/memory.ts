// Part 3, memory: RSS per idle WebSocket connection and per virtual connection, measured in the mock's own process.
import type { ConnectReport } from "../clients/ws-fleet.js";
import { fileDescriptorLimits, startTsChild, type TsChild } from "../lib/children.js";
import { sleep } from "../lib/concurrency.js";
import { formatBytes, formatInt, formatTable, type PartResult, type TargetCheck } from "../lib/report.js";
import { HUB } from "../lib/routes.js";
import type { MemoryFigures, SocketCounts } from "../servers/hubkit-server.js";
import { connectFleet, fdsFor } from "./fleet-setup.js";

export interface MemorySettings {
  connections: number;
  /** Idle time after the last connect, so handshake buffers and timers settle before measuring. */
  idleMs: number;
}

export const MEMORY_FULL: MemorySettings = { connections: 10_000, idleMs: 3000 };
export const MEMORY_QUICK: MemorySettings = { connections: 2000, idleMs: 1000 };
const WARMUP_CONNECTIONS = 200;

interface Measured {
  kind: "WebSocket (idle)" | "virtual";
  connections: number;
  before: MemoryFigures;
  after: MemoryFigures;
  rssPerConnection: number;
  heapPerConnection: number;
  targetBytes: number;
}

export async function runMemoryPart(settings: MemorySettings): Promise<PartResult> {
  const limit = fileDescriptorLimits();
  if (fdsFor(settings.connections) > limit.hard) {
    throw new Error(
      `${settings.connections} WebSocket connections need about ${fdsFor(settings.connections)} file descriptors per process; the hard limit is ${limit.hard}. Raise it (ulimit -Hn, as root or in limits.conf).`,
    );
  }
  const rows = [await measureWebSockets(settings), await measureVirtual(settings)];
  return summarize(rows, settings);
}

async function measureWebSockets(settings: MemorySettings): Promise<Measured> {
  const children: TsChild[] = [];
  try {
    const { hubkit, fleet } = await connectFleet(children, settings.connections);
    // A first batch loads every code path and grows the pools once, so the baseline is not a cold process.
    await fleet.ipc.call<ConnectReport>("connect", { count: WARMUP_CONNECTIONS, concurrency: 64 });
    await fleet.ipc.call("closeAll");
    await waitForConnections(hubkit, 0);
    const before = await hubkit.ipc.call<MemoryFigures>("memory");
    const report = await fleet.ipc.call<ConnectReport>(
      "connect",
      { count: settings.connections, concurrency: 64 },
      300_000,
    );
    if (report.failed > 0) throw new Error(`${report.failed} connections failed: ${report.problems.join("; ")}`);
    process.stdout.write(`  memory: ${report.total} idle WebSocket connections\n`);
    await sleep(settings.idleMs);
    const after = await hubkit.ipc.call<MemoryFigures>("memory");
    const counts = await hubkit.ipc.call<SocketCounts>("counts");
    if (counts.storeConnections !== settings.connections) {
      throw new Error(`the store holds ${counts.storeConnections} connections, expected ${settings.connections}`);
    }
    await fleet.ipc.call("closeAll", {}, 120_000);
    return toMeasured("WebSocket (idle)", settings.connections, before, after, 20 * 1024);
  } finally {
    await Promise.allSettled(children.map((c) => c.stop()));
  }
}

async function measureVirtual(settings: MemorySettings): Promise<Measured> {
  const hubkit = startTsChild({ name: "hubkit mock", script: "bench/servers/hubkit-server.ts", underTest: true });
  try {
    await hubkit.ipc.ready(30_000);
    await hubkit.ipc.call("seedVirtual", { hub: HUB, prefix: "warm-", count: WARMUP_CONNECTIONS });
    const before = await hubkit.ipc.call<MemoryFigures>("memory");
    await hubkit.ipc.call("seedVirtual", { hub: HUB, prefix: "virtual-", count: settings.connections });
    const after = await hubkit.ipc.call<MemoryFigures>("memory");
    return toMeasured("virtual", settings.connections, before, after, 2 * 1024);
  } finally {
    await hubkit.stop();
  }
}

async function waitForConnections(hubkit: TsChild, expected: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const counts = await hubkit.ipc.call<SocketCounts>("counts");
    if (counts.storeConnections === expected) return;
    await sleep(100);
  }
  throw new Error(`the mock still holds connections 10 s after the clients closed (expected ${expected})`);
}

function toMeasured(
  kind: Measured["kind"],
  connections: number,
  before: MemoryFigures,
  after: MemoryFigures,
  targetBytes: number,
): Measured {
  return {
    kind,
    connections,
    before,
    after,
    rssPerConnection: (after.rss - before.rss) / connections,
    heapPerConnection: (after.heapUsed - before.heapUsed) / connections,
    targetBytes,
  };
}

function summarize(rows: Measured[], settings: MemorySettings): PartResult {
  // V8 may have committed heap pages before the baseline, so RSS can grow by less than the heap; judge the larger.
  const judged = (r: Measured) => Math.max(r.rssPerConnection, r.heapPerConnection);
  const targets: TargetCheck[] = rows.map((r) => ({
    part: "memory",
    name: `per ${r.kind} connection at ${formatInt(r.connections)} (max of RSS, heap)`,
    target: `< ${formatBytes(r.targetBytes)}`,
    actual: formatBytes(judged(r)),
    met: settings.connections >= 10_000 ? judged(r) < r.targetBytes : undefined,
    ...(settings.connections >= 10_000 ? {} : { note: "quick run: fewer than 10,000 connections" }),
  }));
  const table = formatTable(
    "Memory (mock process, after a full GC; deltas from a warmed-up baseline)",
    ["connection", "count", "RSS before", "RSS after", "RSS / connection", "JS heap / connection"],
    rows.map((r) => [
      r.kind,
      formatInt(r.connections),
      formatBytes(r.before.rss),
      formatBytes(r.after.rss),
      formatBytes(r.rssPerConnection),
      formatBytes(r.heapPerConnection),
    ]),
  );
  return { name: "memory", figures: { settings, rows }, tables: [table], targets, notes: [] };
}
