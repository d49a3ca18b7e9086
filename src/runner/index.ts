// Public surface of the runner: load suites with the step registry, run them against a target, the result model.
import type { SpecIndex } from "../spec/index.js";
import { buildSuiteSchema, type JsonSchema, type LoadedSuite, type LoadOptions, loadSuites } from "../suite/index.js";
import { stepKinds } from "./steps/index.js";

export * from "../results/result.js";
export { type Check, checks, EXPECT_SCHEMA } from "./checks/index.js";
export { createRunId, planTests, type RunOptions, runSuites } from "./run-suites.js";
export { describeFailure, runTest } from "./run-test.js";
export { parseShard, type Shard, selectShard } from "./shard.js";
export type { RunDefaults, StepContext, StepKind, StepOutcome } from "./step-kind.js";
export { stepKinds } from "./steps/index.js";

/** Loads suites with every registered step kind; throws a `HubkitErrorList` listing all problems. */
export function loadRunnableSuites(
  paths: readonly string[],
  options: Omit<LoadOptions, "steps" | "spec"> & { spec: SpecIndex },
): Promise<LoadedSuite[]> {
  return loadSuites(paths, { steps: stepKinds, ...options });
}

/** The suite file's JSON Schema (`spec/suite.schema.json` is this, written out). */
export function suiteJsonSchema(): JsonSchema {
  return buildSuiteSchema(stepKinds);
}
