// Runs the selected tests of loaded suites against targets, in parallel workers, and assembles the RunResult.
import { randomBytes } from "node:crypto";
import { HubkitError } from "../errors.js";
import type { Reporter } from "../results/reporter.js";
import {
  RETRY_AFTER_IGNORED,
  type RunMetadata,
  type RunResult,
  type RunWarning,
  summarize,
  type TestResult,
} from "../results/result.js";
import { HUBKIT_VERSION } from "../results/version.js";
import type { SpecIndex } from "../spec/index.js";
import { compileTextPattern, isRegexLiteral, type LoadedSuite, type LoadedTest } from "../suite/index.js";
import type { Target, TargetFactory } from "../targets/target.js";
import { runTest, skippedTest, testId } from "./run-test.js";
import { type Shard, selectShard } from "./shard.js";
import type { RunDefaults } from "./step-kind.js";

export interface RunOptions {
  suites: readonly LoadedSuite[];
  targets: TargetFactory;
  spec: SpecIndex;
  /** Tests whose `suite › test` id matches: a substring (case-insensitive) or a `/regex/`. */
  grep?: string;
  /** Run only tests with at least one of these tags. */
  tags?: readonly string[];
  /** Report tests with any of these tags as skipped. */
  skipTags?: readonly string[];
  /** After the first failed or errored test, report the rest as skipped. */
  bail?: boolean;
  /** Parallel workers, each with its own target (default 1). */
  concurrency?: number;
  /** Per-test time limit in ms (default 30000); a test's `timeout:` wins. */
  timeoutMs?: number;
  reporters?: readonly Reporter[];
  /** `${run.id}`; random by default. */
  runId?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** The command line, secrets already redacted. */
  command?: string;
  defaults?: Partial<RunDefaults>;
  /** Where the suites came from (the project's, or hubkit's bundled ones), recorded in the report. */
  suiteSources?: RunMetadata["suites"];
  /** `--shard i/n`: run only this shard's part of the selected tests (see shard.ts). */
  shard?: Shard;
  /** Test durations of a previous run by id, to balance the shards. */
  durations?: ReadonlyMap<string, number>;
}

interface Planned {
  suite: LoadedSuite;
  test: LoadedTest;
  /** Set when the test is reported as skipped without running. */
  skipReason?: string;
}

/** Picks the tests to run; a usage error when nothing is left. */
export function planTests(
  options: Pick<RunOptions, "suites" | "grep" | "tags" | "skipTags" | "shard" | "durations">,
): Planned[] {
  const grep = options.grep ? grepMatcher(options.grep) : undefined;
  const planned: Planned[] = [];
  for (const suite of options.suites) {
    for (const test of suite.tests) {
      if (grep && !grep(testId(suite, test))) continue;
      if (options.tags?.length && !test.tags.some((t) => options.tags!.includes(t))) continue;
      const skipped = options.skipTags?.find((t) => test.tags.includes(t));
      planned.push(
        skipped ? { suite, test, skipReason: `tagged ${skipped} (--skip-tag ${skipped})` } : { suite, test },
      );
    }
  }
  if (planned.length === 0) {
    throw new HubkitError("No test matches the filters.", {
      code: "E_NO_TESTS",
      hint: "Check --grep and --tag against the test names and tags in the suites.",
    });
  }
  if (!options.shard) return planned;
  // A shard may be empty (more shards than tests): that is a passing run of nothing, not a usage error.
  const mine = selectShard(
    planned.map((p) => testId(p.suite, p.test)),
    options.shard,
    options.durations,
  );
  return planned.filter((p) => mine.has(testId(p.suite, p.test)));
}

export async function runSuites(options: RunOptions): Promise<RunResult> {
  const planned = planTests(options);
  const runId = options.runId ?? createRunId();
  const defaults: RunDefaults = { messageTimeoutMs: 5000, quietWindowMs: 1000, ...options.defaults };
  const reporters = options.reporters ?? [];
  const startedAt = new Date();
  const started = performance.now();
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, planned.filter((p) => !p.skipReason).length || 1));
  const targets = await createTargets(options.targets, workers);
  const first = targets[0]!;
  const metadata: Omit<RunMetadata, "finishedAt"> = {
    hubkitVersion: HUBKIT_VERSION,
    apiVersion: options.spec.apiVersion,
    target: {
      kind: first.kind,
      endpoint: first.endpoint,
      ...(first.description ? { description: first.description } : {}),
    },
    startedAt: startedAt.toISOString(),
    runId,
    ...(options.command ? { command: options.command } : {}),
    ...(options.suiteSources ? { suites: options.suiteSources } : {}),
  };
  for (const reporter of reporters) await reporter.onRunStart?.({ metadata, testCount: planned.length });

  const results: TestResult[] = new Array(planned.length);
  const warnings: RunWarning[][] = [];
  let next = 0;
  let bailed = false;
  const work = async (target: Target) => {
    try {
      for (let index = next++; index < planned.length; index = next++) {
        const { suite, test, skipReason } = planned[index]!;
        const ran = !skipReason && !bailed;
        const result = skipReason
          ? skippedTest(suite, test, skipReason)
          : bailed
            ? skippedTest(suite, test, "not run: --bail stopped the run after the first failure")
            : await runTest({
                suite,
                test,
                number: index + 1,
                target,
                spec: options.spec,
                runId,
                env: options.env ?? process.env,
                defaults,
                timeoutMs: options.timeoutMs ?? 30_000,
              });
        if (options.bail && (result.outcome === "failed" || result.outcome === "errored")) bailed = true;
        results[index] = result;
        if (ran) warnings[index] = await attemptWarnings(target, result.id);
        for (const reporter of reporters) await reporter.onTestEnd?.(result);
      }
    } finally {
      await target.close();
    }
  };
  try {
    await Promise.all(targets.map(work));
  } finally {
    await options.targets.close?.();
  }
  const result: RunResult = {
    metadata: { ...metadata, finishedAt: new Date().toISOString() },
    tests: results,
    summary: summarize(results, performance.now() - started),
  };
  const flat = warnings.flat();
  if (flat.length > 0) result.warnings = flat;
  for (const reporter of reporters) await reporter.onRunEnd?.(result);
  return result;
}

/** The mock's attempt records of the test just run (before the next test's reset clears them): retries that came sooner than their Retry-After. */
async function attemptWarnings(target: Target, test: string): Promise<RunWarning[]> {
  if (!target.faults) return [];
  try {
    const records = await target.faults.attempts();
    return records.flatMap((r) => r.warnings.map((message) => ({ code: RETRY_AFTER_IGNORED, message, test })));
  } catch {
    return [];
  }
}

/** One target per worker, created up front so a failure leaves nothing running. */
async function createTargets(factory: TargetFactory, count: number): Promise<Target[]> {
  const targets: Target[] = [];
  try {
    for (let i = 0; i < count; i++) targets.push(await factory.create());
    return targets;
  } catch (error) {
    await Promise.allSettled(targets.map((t) => t.close()));
    await factory.close?.();
    throw error;
  }
}

/** Short, lower-case and alphanumeric, so it fits in hub, group and user names. */
export function createRunId(): string {
  return `r${randomBytes(5).toString("hex")}`;
}

function grepMatcher(grep: string): (id: string) => boolean {
  if (isRegexLiteral(grep)) {
    try {
      return compileTextPattern(grep).test;
    } catch (error) {
      throw new HubkitError(`--grep ${grep} is not a valid regular expression: ${(error as Error).message}`, {
        code: "E_USAGE",
        hint: "Use a plain substring, or a valid /regex/.",
      });
    }
  }
  const needle = grep.toLowerCase();
  return (id) => id.toLowerCase().includes(needle);
}
