// `npm run bench`: runs the benchmarks (all five, or those named by --only), prints tables, writes results/latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BenchArgs, type PartName, parseArgs, USAGE } from "./lib/args.js";
import { installChildCleanup, killAllChildren, profiling, REPO_ROOT } from "./lib/children.js";
import { describeMachine } from "./lib/machine.js";
import { formatHotFunctions, profileFiles } from "./lib/profile-summary.js";
import { formatTable, type PartResult, type TargetCheck } from "./lib/report.js";

/** Loaded on demand: a part whose modules fail to load (or are mid-edit) fails alone, and `--only` loads no more. */
const PARTS: Record<PartName, (args: BenchArgs) => Promise<PartResult>> = {
  rest: async (a) => {
    const { runRestPart, REST_FULL, REST_QUICK } = await import("./parts/rest.js");
    return runRestPart(a.quick ? REST_QUICK : REST_FULL);
  },
  fanout: async (a) => {
    const { runFanoutPart, FANOUT_FULL, FANOUT_QUICK } = await import("./parts/fanout.js");
    return runFanoutPart(a.quick ? FANOUT_QUICK : FANOUT_FULL);
  },
  memory: async (a) => {
    const { runMemoryPart, MEMORY_FULL, MEMORY_QUICK } = await import("./parts/memory.js");
    return runMemoryPart(a.quick ? MEMORY_QUICK : MEMORY_FULL);
  },
  runner: async (a) => {
    const { runRunnerPart, RUNNER_FULL, RUNNER_QUICK } = await import("./parts/runner.js");
    return runRunnerPart(a.quick ? RUNNER_QUICK : RUNNER_FULL);
  },
  soak: async (a) => {
    const { runSoakPart, SOAK_FULL, SOAK_QUICK } = await import("./parts/soak.js");
    return runSoakPart(a.quick ? SOAK_QUICK : SOAK_FULL);
  },
};

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  installChildCleanup();
  const machine = describeMachine();
  const mode = args.quick ? "quick" : "full";
  process.stdout.write(
    `hubkit bench (${mode}): ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart}\n`,
  );
  const started = Date.now();
  const profileRoot = join(REPO_ROOT, "bench", "results", "profiles", machine.date.replace(/[:.]/g, "-"));
  const results: Array<PartResult & { error?: string; seconds: number }> = [];
  for (const name of args.parts) {
    process.stdout.write(`\n== ${name}\n`);
    const partStart = Date.now();
    if (args.profile) {
      profiling.dir = join(profileRoot, name);
      mkdirSync(profiling.dir, { recursive: true });
    }
    try {
      const result = await PARTS[name](args);
      results.push({ ...result, seconds: (Date.now() - partStart) / 1000 });
      const profiles = profiling.dir ? profileFiles(profiling.dir).map(formatHotFunctions) : [];
      process.stdout.write(
        `${[...result.tables, ...result.notes.map((n) => `note: ${n}`), ...profiles].join("\n\n")}\n`,
      );
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`bench part ${name} failed: ${message}\n`);
      results.push({
        name,
        figures: null,
        tables: [],
        targets: [],
        notes: [],
        error: message,
        seconds: (Date.now() - partStart) / 1000,
      });
    } finally {
      killAllChildren();
    }
  }
  const targets = results.flatMap((r) => r.targets);
  process.stdout.write(`\n${formatTargets(targets)}\n`);
  const file = writeResults({ machine, mode, seconds: (Date.now() - started) / 1000, results, targets });
  process.stdout.write(`\nwritten: ${file}\n`);
  return results.some((r) => r.error) ? 1 : 0;
}

function formatTargets(targets: TargetCheck[]): string {
  const verdict = (t: TargetCheck) => (t.met === undefined ? "not measured" : t.met ? "met" : "MISSED");
  return formatTable(
    "Targets",
    ["part", "measure", "target", "actual", "verdict"],
    targets.map((t) => [t.part, t.name, t.target, t.actual, verdict(t)]),
  );
}

function writeResults(run: {
  machine: ReturnType<typeof describeMachine>;
  mode: string;
  seconds: number;
  results: Array<PartResult & { error?: string; seconds: number }>;
  targets: TargetCheck[];
}): string {
  const dir = join(REPO_ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "latest.json");
  const parts = Object.fromEntries(
    run.results.map((r) => [
      r.name,
      { seconds: r.seconds, figures: r.figures, notes: r.notes, ...(r.error ? { error: r.error } : {}) },
    ]),
  );
  const json = { machine: run.machine, mode: run.mode, seconds: run.seconds, targets: run.targets, parts };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}

main().then(
  (code) => {
    killAllChildren();
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    killAllChildren();
    process.exit(1);
  },
);
