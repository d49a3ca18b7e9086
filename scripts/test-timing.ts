// `npm run test:timing [-- vitest args]`: runs the suite with vitest's JSON reporter and prints the slowest files,
// so speed is measured by a script on the machine at hand rather than asserted by a timed test.
import { spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { fileTimings, formatTimings, readVitestJson } from "./slowest-files.js";

const ROOT = new URL("../", import.meta.url).pathname;
const OUT = join(ROOT, "test-artifacts/vitest-timing.json");

const loadAtStart = loadavg()[0]!;
const started = performance.now();
const vitest = spawnSync(
  process.execPath,
  [
    join(ROOT, "node_modules/vitest/vitest.mjs"),
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${OUT}`,
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: "inherit" },
);
const wallSeconds = (performance.now() - started) / 1000;
try {
  const conditions = { cores: availableParallelism(), loadAtStart, loadAtEnd: loadavg()[0]! };
  process.stdout.write(`\n${formatTimings(fileTimings(readVitestJson(OUT), ROOT), wallSeconds, 15, conditions)}`);
} catch (error) {
  process.stderr.write(`test:timing: no timings in ${OUT}: ${(error as Error).message}\n`);
}
process.exitCode = vitest.status ?? 1;
