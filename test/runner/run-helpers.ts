// Runs suite text against fake targets with short default waits, for runner tests.
import { formatHubkitError } from "../../src/errors.js";
import type { Reporter } from "../../src/results/reporter.js";
import { type RunResult, runSuites, stepKinds, type TestResult } from "../../src/runner/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { type LoadedSuite, loadSuiteText } from "../../src/suite/index.js";
import type { TargetFactory } from "../../src/targets/index.js";
import { FakeTarget, factoryOf } from "./fake-target.js";

export const spec = loadSpec();

export function suiteOf(text: string, env: Record<string, string> = {}): LoadedSuite {
  const result = loadSuiteText("suite.yaml", text, { steps: stepKinds, spec, env });
  if (!result.suite) throw new Error(result.problems.map(formatHubkitError).join("\n"));
  return result.suite;
}

export interface RunYamlOptions {
  target?: FakeTarget;
  targets?: TargetFactory;
  env?: Record<string, string>;
  loadEnv?: Record<string, string>;
  grep?: string;
  tags?: string[];
  skipTags?: string[];
  bail?: boolean;
  concurrency?: number;
  timeoutMs?: number;
  reporters?: Reporter[];
}

export async function runYaml(text: string, options: RunYamlOptions = {}): Promise<RunResult> {
  const suite = suiteOf(text, options.loadEnv ?? options.env ?? {});
  return runSuites({
    suites: [suite],
    targets: options.targets ?? factoryOf(options.target ?? new FakeTarget()),
    spec,
    runId: "rtest",
    env: options.env ?? {},
    defaults: { messageTimeoutMs: 300, quietWindowMs: 50 },
    ...(options.grep !== undefined ? { grep: options.grep } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.skipTags ? { skipTags: options.skipTags } : {}),
    ...(options.bail ? { bail: true } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.reporters ? { reporters: options.reporters } : {}),
  });
}

/** Steps of a one-test suite (the loader tests build theirs the same way). */
export { oneTest as testYaml } from "../suite/load-helpers.js";

export function onlyTest(result: RunResult): TestResult {
  expect1(result.tests.length === 1, `expected one test, got ${result.tests.length}`);
  return result.tests[0]!;
}

/** Failed checks of a test as `kind: title (expected → actual)` lines. */
export function failures(test: TestResult): string[] {
  return test.steps.flatMap((s) =>
    s.checks
      .filter((c) => c.outcome === "failed")
      .map((c) => `${c.kind}: ${c.title} (${JSON.stringify(c.expected)} → ${JSON.stringify(c.actual)})`),
  );
}

function expect1(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}
