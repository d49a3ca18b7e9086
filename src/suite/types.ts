// What the loader hands the runner: suites, tests and steps, validated, templates compiled, positions kept.
import type { SourcePosition } from "../errors.js";
import type { Operation } from "../spec/index.js";
import type { CompiledValue } from "./template.js";
import type { DocPath } from "./yaml-source.js";

export type JsonSchema = Record<string, unknown>;
export type TargetKind = "mock" | "live";

export interface LoadedStep {
  /** Registry name of the step kind, e.g. `call`. */
  kind: string;
  /** Zero-based position in its test. */
  index: number;
  title: string;
  position: SourcePosition;
  /** Position of something inside the step, e.g. `["expect", "status"]`. */
  locate(path: DocPath): SourcePosition;
  /** The step as written (after load-time preparation such as reading a seed file). */
  raw: Readonly<Record<string, unknown>>;
  /** The same, with `${...}` templates compiled; resolved against the test's scope just before the step runs. */
  config: CompiledValue<Record<string, unknown>>;
  /** The spec operation an HTTP step addresses, when known at load time (see StepDefinition.operation). */
  operation?: Operation;
}

export interface LoadedTest {
  name: string;
  description?: string;
  /** The suite's tags followed by the test's own. */
  tags: readonly string[];
  /** A written reason to skip the test. */
  skip?: string;
  /** The targets this test runs on; others report it as skipped. Undefined = every target. */
  targets?: readonly TargetKind[];
  timeoutMs?: number;
  position: SourcePosition;
  steps: readonly LoadedStep[];
}

export interface SuiteVariable {
  name: string;
  value: CompiledValue;
}

export interface LoadedSuite {
  /** The path as the user gave it (relative to the working directory when inside it). */
  file: string;
  name: string;
  description?: string;
  /** In declaration order: a variable may use the ones before it. */
  variables: readonly SuiteVariable[];
  /** Environment variables whose values are secret (`secrets:` and every `${secret.NAME}`): redacted everywhere. */
  secrets: readonly string[];
  tests: readonly LoadedTest[];
  position: SourcePosition;
}
