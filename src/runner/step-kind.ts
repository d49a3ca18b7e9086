// A step kind = its load-time definition plus `run`; one file per kind under steps/, listed in steps/index.ts.

import type { CheckResult, HttpExchange, HttpHit } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import type { LoadedStep, StepDefinition } from "../suite/index.js";
import type { Target } from "../targets/target.js";
import type { ClientInbox } from "./client-inbox.js";
import type { TestScope } from "./test-scope.js";

export interface RunDefaults {
  /** How long `expectMessage`/`expectClosed` wait by default. */
  messageTimeoutMs: number;
  /** How long `expectMessage` with `none: true` watches by default. */
  quietWindowMs: number;
}

export interface StepContext {
  target: Target;
  spec: SpecIndex;
  step: LoadedStep;
  scope: TestScope;
  /** Clients opened in this test, by name. */
  clients: Map<string, ClientInbox>;
  /** Aborted when the test times out. */
  signal: AbortSignal;
  defaults: RunDefaults;
}

/** What a step reports; the runner turns it into a `StepResult` (failed when any check failed). */
export interface StepOutcome {
  checks: CheckResult[];
  exchange?: HttpExchange;
  /** HTTP steps: the status received and the operation the request addressed. */
  http?: HttpHit;
  schemaViolations?: string[];
  /** Set when the step could not apply to this target; `skipTest` skips the rest of the test too. */
  skipped?: { reason: string; skipTest: boolean };
  /** Appended to the step's title, e.g. `(3 attempts)`. */
  note?: string;
}

/** A step that cannot apply to this target: no checks, the reason, and (by default) the rest of its test skipped. */
export function skipStep(reason: string, skipTest = true): StepOutcome {
  return { checks: [], skipped: { reason, skipTest } };
}

export interface StepKind<C = Record<string, unknown>> extends StepDefinition {
  run(config: C, ctx: StepContext): Promise<StepOutcome>;
}

/** Lets each kind type its own config while the registry holds them all; the schema guarantees the shape. */
export function defineStepKind<C>(kind: StepKind<C>): StepKind {
  return kind as unknown as StepKind;
}
