// The results of a run: read-only data that every reporter renders and conformance.json stores.
import type { SourcePosition } from "../errors.js";

export type Outcome = "passed" | "failed" | "errored" | "skipped";

/** A captured HTTP exchange, secrets already redacted (Authorization values, access keys, tokens). */
export interface HttpExchange {
  request: {
    method: string;
    /** Path and query, e.g. `/api/hubs/chat/:send?api-version=2022-06-01`. */
    url: string;
    headers: Record<string, string>;
    body?: string;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    body?: string;
  };
  durationMs: number;
}

/** One cell of the coverage matrix: the spec operation a request was routed to and the status it received. */
export interface OperationStatus {
  readonly operationId: string;
  readonly status: number;
}

/**
 * What an HTTP step exercised: the status it received and, when the request matched one, the spec operation. The
 * coverage matrix reads it as an OperationStatus pair (see operationStatusOf), never as a string.
 */
export interface HttpHit {
  readonly status: number;
  readonly operationId?: string;
}

/** The matrix cell a step exercised: only HTTP steps routed to an operation have one, skipped steps none. */
export function operationStatusOf(step: StepResult): OperationStatus | undefined {
  if (step.outcome === "skipped" || step.http?.operationId === undefined) return undefined;
  return { operationId: step.http.operationId, status: step.http.status };
}

/** One assertion: a status, a header, an ErrorDetail field, a body matcher, a schema check, a message... */
export interface CheckResult {
  /** Registry name of the check, e.g. `status`, `error.code`, `schema`, `message`. */
  kind: string;
  outcome: "passed" | "failed";
  /** A one-line description, e.g. `status is 404`. */
  title: string;
  expected?: unknown;
  actual?: unknown;
  /** Where in the suite the expectation was written. */
  position?: SourcePosition;
}

export type StepResult =
  | StepBase<"passed">
  | (StepBase<"failed"> & { failure: string })
  | (StepBase<"errored"> & { error: StepError })
  | (StepBase<"skipped"> & { reason: string });

interface StepBase<O extends Outcome> {
  outcome: O;
  /** Step kind, e.g. `call`, `request`, `connect`, `expectMessage`. */
  kind: string;
  title: string;
  position: SourcePosition;
  durationMs: number;
  /** For HTTP steps (`call`, `request`, Pact interactions, proxied exchanges): the status and the operation. */
  http?: HttpHit;
  checks: readonly CheckResult[];
  /** Present for HTTP steps; reporters show it for failed steps. */
  exchange?: HttpExchange;
  /** Response schema violations found by the automatic schema check. */
  schemaViolations?: readonly string[];
}

export interface StepError {
  /** A short title, e.g. `Connection refused`. */
  title: string;
  message: string;
  /** What to try. */
  hint?: string;
}

/** A test's result: `skipped` always says why; the other outcomes never carry a skip reason. */
export type TestResult =
  | (TestBase & { outcome: Exclude<Outcome, "skipped">; skipReason?: undefined })
  | (TestBase & {
      outcome: "skipped";
      /** Why the whole test was skipped (tag filter, target capability, a step that skips the test). */
      skipReason: string;
    });

interface TestBase {
  /** `<suite name> › <test name>`, stable across runs (used by `hubkit diff`). */
  id: string;
  suite: string;
  name: string;
  file: string;
  position: SourcePosition;
  tags: readonly string[];
  durationMs: number;
  steps: readonly StepResult[];
}

export interface RunTarget {
  kind: "mock" | "live";
  /** What the target was when `kind` alone does not say, e.g. "running hubkit mock" (a `hubkit mock` reached by URL). */
  description?: string;
  /** The endpoint, never with a key (e.g. `http://127.0.0.1:50123` or `https://x.service.signalr.net`). */
  endpoint: string;
}

export interface RunMetadata {
  hubkitVersion: string;
  apiVersion: string;
  target: RunTarget;
  startedAt: string;
  finishedAt: string;
  /** The unique id of the run, `${run.id}` in suites. */
  runId: string;
  /** How the run was started, secrets redacted. */
  command?: string;
  /** The suite folders or files that ran: the project's own, or those bundled with hubkit (at hubkitVersion). */
  suites?: SuiteSource[];
}

export interface SuiteSource {
  source: "project" | "builtin";
  path: string;
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  durationMs: number;
}

export interface RunResult {
  metadata: RunMetadata;
  tests: readonly TestResult[];
  summary: RunSummary;
  /** Things worth a look that fail no test (e.g. a retry sooner than its Retry-After); absent when there are none. */
  warnings?: readonly RunWarning[];
}

/** A run-level warning: a stable code, one line, and the test it came from. */
export interface RunWarning {
  /** `W_RETRY_AFTER_IGNORED`: a client retried sooner than the Retry-After the mock answered. */
  code: string;
  message: string;
  /** The test id (`<suite> › <test>`) during which it was seen. */
  test?: string;
}

export const RETRY_AFTER_IGNORED = "W_RETRY_AFTER_IGNORED";

export function summarize(tests: readonly TestResult[], durationMs: number): RunSummary {
  const count = (o: Outcome) => tests.filter((t) => t.outcome === o).length;
  return {
    total: tests.length,
    passed: count("passed"),
    failed: count("failed"),
    errored: count("errored"),
    skipped: count("skipped"),
    durationMs,
  };
}
