// `npm run bench:startup`: how fast the compiled `hubkit` starts, against a bare `node -e 0` on the same machine in
// the same run: `--help` and `token` (target: at most 2 x bare node), and `mock --port 0` until /api/health answers
// (target: within 1 s). Runs are interleaved so a load spike hits every command alike; medians are compared.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { REPO_ROOT } from "./lib/children.js";
import { formatTable } from "./lib/report.js";

const BIN = join(REPO_ROOT, "bin/hubkit.js");
const ROUNDS = Number(process.env.HUBKIT_BENCH_ROUNDS ?? 15);

interface Probe {
  name: string;
  /** Milliseconds from spawn to the moment that counts (exit, or the first health answer). */
  measure(): Promise<number>;
}

function timeToExit(args: string[]): () => Promise<number> {
  return () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, args, { stdio: "ignore" });
      child.once("error", reject);
      child.once("exit", (code) =>
        code === 0 ? resolve(performance.now() - started) : reject(new Error(`${args.join(" ")} exited ${code}`)),
      );
    });
}

/** Spawn the mock, read the URL from its banner, then time until HEAD /api/health answers 200. */
function timeToHealthy(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, "mock", "--port", "0", "--quiet"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    let done = false;
    const finish = (result: number | Error) => {
      if (done) return;
      done = true;
      child.kill("SIGTERM");
      child.once("exit", () => (typeof result === "number" ? resolve(result) : reject(result)));
    };
    child.once("exit", (code) => !done && reject(new Error(`hubkit mock exited ${code} before answering`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url || done) return;
      fetch(`${url}/api/health?api-version=2022-06-01`, { method: "HEAD" }).then(
        (response) =>
          finish(response.status === 200 ? performance.now() - started : new Error(`health: ${response.status}`)),
        (error: unknown) => finish(error as Error),
      );
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function p90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)]!;
}

async function main(): Promise<void> {
  if (!existsSync(join(REPO_ROOT, "dist/cli/main.js"))) {
    process.stderr.write("dist/ is missing: run `npm run build` first (npm run bench:startup does).\n");
    process.exitCode = 2;
    return;
  }
  const probes: Probe[] = [
    { name: "node -e 0 (bare)", measure: timeToExit(["-e", "0"]) },
    { name: "hubkit --help", measure: timeToExit([BIN, "--help"]) },
    { name: "hubkit token /api/health", measure: timeToExit([BIN, "token", "/api/health"]) },
    { name: "hubkit mock: /api/health answers", measure: timeToHealthy },
  ];
  const samples = new Map(probes.map((p) => [p.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const probe of probes) samples.get(probe.name)!.push(await probe.measure());
  }
  const bare = median(samples.get(probes[0]!.name)!);
  const rows = probes.map((probe, i) => {
    const values = samples.get(probe.name)!;
    const m = median(values);
    const target = i === 0 ? "" : i < 3 ? "<= 2 x bare" : "<= 1000 ms";
    const met = i === 0 ? "" : i < 3 ? (m <= 2 * bare ? "met" : "MISSED") : m <= 1000 ? "met" : "MISSED";
    return [
      probe.name,
      `${m.toFixed(0)} ms`,
      `${p90(values).toFixed(0)} ms`,
      `${(m / bare).toFixed(2)} x`,
      target,
      met,
    ];
  });
  process.stdout.write(
    `${formatTable(`hubkit startup (${ROUNDS} interleaved rounds, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)})`, ["command", "median", "p90", "vs bare", "target", ""], rows)}\n`,
  );
}

await main();
