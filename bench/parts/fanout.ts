// Part 2, fan-out: 1k/5k/10k WebSocket clients on one hub; time from the REST send to the last client's receipt.
import type { ConnectReport, DeliveryReport } from "../clients/ws-fleet.js";
import { fileDescriptorLimits, type TsChild } from "../lib/children.js";
import { sleep } from "../lib/concurrency.js";
import { formatInt, formatTable, type PartResult, type TargetCheck } from "../lib/report.js";
import { median, ms, worst } from "../lib/stats.js";
import { connectFleet, fdsFor } from "./fleet-setup.js";

export interface FanoutSettings {
  levels: number[];
  rounds: number;
  timeoutMs: number;
}

export const FANOUT_FULL: FanoutSettings = { levels: [1000, 5000, 10_000], rounds: 5, timeoutMs: 10_000 };
export const FANOUT_QUICK: FanoutSettings = { levels: [500, 1000, 2000], rounds: 2, timeoutMs: 10_000 };
const TARGET_CLIENTS = 10_000;
const TARGET_MS = 1000;

interface Row {
  clients: number;
  send: "broadcast" | "group (half)";
  recipients: number;
  rounds: DeliveryReport[];
  p50Ms: number;
  lastMedianMs: number;
  lastWorstMs: number;
  restMs: number;
}

export async function runFanoutPart(settings: FanoutSettings): Promise<PartResult> {
  const notes: string[] = [];
  const limit = fileDescriptorLimits();
  const levels = settings.levels.filter((n) => fdsFor(n) <= limit.hard);
  if (levels.length < settings.levels.length) {
    notes.push(
      `file descriptor hard limit ${limit.hard} is too low for ${settings.levels.filter((n) => !levels.includes(n)).join(", ")} clients (each process needs about clients + 512); raise it (ulimit -Hn, as root or in limits.conf) to measure them`,
    );
  }
  const top = Math.max(0, ...levels);
  const children: TsChild[] = [];
  try {
    const { fleet } = await connectFleet(children, top);
    const rows: Row[] = [];
    let connected = 0;
    for (const level of levels) {
      const report = await fleet.ipc.call<ConnectReport>(
        "connect",
        { count: level - connected, concurrency: 64 },
        300_000,
      );
      connected = report.total;
      if (report.failed > 0)
        notes.push(`${report.failed} of ${level} clients failed to connect: ${report.problems.join("; ")}`);
      process.stdout.write(`  fanout: ${report.total} clients connected\n`);
      await sleep(500);
      const byKind = { broadcast: [] as DeliveryReport[], group: [] as DeliveryReport[] };
      for (let round = 0; round < settings.rounds; round++) {
        for (const group of [false, true]) {
          const result = await fleet.ipc.call<DeliveryReport>(
            "measure",
            { group, timeoutMs: settings.timeoutMs },
            settings.timeoutMs + 30_000,
          );
          (group ? byKind.group : byKind.broadcast).push(result);
          if (result.restStatus !== 202) notes.push(`send answered ${result.restStatus} at ${level} clients`);
          if (result.wrong > 0) notes.push(`${result.wrong} duplicate or misdirected deliveries at ${level} clients`);
          await sleep(200);
        }
      }
      rows.push(toRow(level, "broadcast", byKind.broadcast), toRow(level, "group (half)", byKind.group));
    }
    return summarize(rows, settings, notes);
  } finally {
    await Promise.allSettled(children.map((c) => c.stop()));
  }
}

function toRow(clients: number, send: Row["send"], rounds: DeliveryReport[]): Row {
  return {
    clients,
    send,
    recipients: rounds[0]?.expected ?? 0,
    rounds,
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    lastMedianMs: median(rounds.map((r) => r.lastMs)),
    lastWorstMs: worst(rounds.map((r) => r.lastMs)),
    restMs: median(rounds.map((r) => r.restMs)),
  };
}

function summarize(rows: Row[], settings: FanoutSettings, notes: string[]): PartResult {
  const targets: TargetCheck[] = [];
  for (const send of ["broadcast", "group (half)"] as const) {
    const row = rows.find((r) => r.clients === TARGET_CLIENTS && r.send === send);
    targets.push({
      part: "fanout",
      name: `${formatInt(TARGET_CLIENTS)} clients, ${send}: last receipt (worst round)`,
      target: `<= ${TARGET_MS} ms`,
      actual: row ? ms(row.lastWorstMs) : "n/a",
      met: row ? row.lastWorstMs <= TARGET_MS : undefined,
      ...(row ? {} : { note: "10,000 clients not measured in this run" }),
    });
  }
  const table = formatTable(
    `Fan-out (WebSocket + JSON protocol, clients in a separate process, ${settings.rounds} rounds each; times from the REST call)`,
    ["clients", "send", "recipients", "REST answer", "median receipt", "last (median)", "last (worst)"],
    rows.map((r) => [
      formatInt(r.clients),
      r.send,
      formatInt(r.recipients),
      ms(r.restMs),
      ms(r.p50Ms),
      ms(r.lastMedianMs),
      ms(r.lastWorstMs),
    ]),
  );
  return { name: "fanout", figures: { settings, rows }, tables: [table], targets, notes };
}
