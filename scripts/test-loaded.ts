// `npm run test:loaded [-- --repeat N] [-- vitest args]`: runs the suite while two CPU-bound processes compete for
// the cores, as on a shared CI machine, then stops them. Proves the suite waits on events, not on a quiet machine.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;
const HOGS = 2;

function parseArgs(argv: readonly string[]): { repeat: number; rest: string[] } {
  const at = argv.indexOf("--repeat");
  if (at < 0) return { repeat: 1, rest: [...argv] };
  const repeat = Number(argv[at + 1]);
  if (!Number.isInteger(repeat) || repeat < 1) {
    process.stderr.write(`test:loaded: --repeat expects a whole number of runs, found '${argv[at + 1] ?? ""}'\n`);
    process.exit(2);
  }
  return { repeat, rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

function startHog(): ChildProcess {
  // A busy loop in its own Node process: one core's worth of load until killed.
  return spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
}

const { repeat, rest } = parseArgs(process.argv.slice(2));
const hogs = Array.from({ length: HOGS }, startHog);
const stopHogs = () => {
  for (const hog of hogs) if (hog.exitCode === null) hog.kill("SIGKILL");
};
process.once("exit", stopHogs);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopHogs();
    process.exit(130);
  });
}

let failed = 0;
for (let run = 1; run <= repeat; run++) {
  process.stdout.write(`test:loaded: run ${run} of ${repeat} with ${HOGS} CPU-bound processes running\n`);
  const result = spawnSync(join(ROOT, "node_modules/.bin/tsx"), ["scripts/test-timing.ts", ...rest], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) failed++;
}
stopHogs();
process.stdout.write(`test:loaded: ${repeat - failed} of ${repeat} run(s) passed under load\n`);
process.exitCode = failed === 0 ? 0 : 1;
