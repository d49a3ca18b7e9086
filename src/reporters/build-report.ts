// Turns a RunResult into the conformance.json document: summary, coverage matrix, tests with failure detail.
import type { CheckResult, RunResult, StepResult, TestResult } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import { type ConformanceReport, REPORT_SCHEMA_VERSION, type ReportSummary } from "./conformance-report.js";
import { buildCoverage, percentDown } from "./coverage.js";

/** Pure: the same result and spec always give the same document. Redact it before writing (see redactReport). */
export function buildConformanceReport(result: RunResult, spec: SpecIndex): ConformanceReport {
  const tests = result.tests.map(toReportTest);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    metadata: { ...result.metadata, target: { ...result.metadata.target } },
    summary: summarizeReport(result),
    coverage: buildCoverage(tests, spec),
    tests,
    ...(result.warnings?.length ? { warnings: result.warnings.map((w) => ({ ...w })) } : {}),
  };
}

function summarizeReport(result: RunResult): ReportSummary {
  const { total, passed, failed, errored, skipped, durationMs } = result.summary;
  const executed = passed + failed + errored;
  return { total, passed, failed, errored, skipped, durationMs, executed, passRate: percentDown(passed, executed) };
}

function toReportTest(test: TestResult): TestResult {
  return { ...test, position: { ...test.position }, tags: [...test.tags], steps: test.steps.map(toReportStep) };
}

function toReportStep(step: StepResult): StepResult {
  const keepExchange = step.outcome === "failed" || step.outcome === "errored";
  const { exchange, ...rest } = step;
  const copy = { ...rest, position: { ...step.position }, checks: step.checks.map(toReportCheck) } as StepResult;
  return keepExchange && exchange ? { ...copy, exchange } : copy;
}

function toReportCheck(check: CheckResult): CheckResult {
  const copy: CheckResult = { ...check };
  if ("expected" in check) setJson(copy, "expected", check.expected);
  if ("actual" in check) setJson(copy, "actual", check.actual);
  return copy;
}

function setJson(check: CheckResult, key: "expected" | "actual", value: unknown): void {
  const json = toJsonValue(value);
  if (json === undefined) delete check[key];
  else check[key] = json;
}

/** Expected/actual values may be anything a matcher holds (a RegExp, a bigint); the document needs plain JSON. */
export function toJsonValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value instanceof RegExp) return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  const json = toJsonContainer(value, seen);
  // Only ancestors count as a cycle: the same object twice side by side is rendered twice.
  seen.delete(value);
  return json;
}

function toJsonContainer(value: object, seen: WeakSet<object>): unknown {
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v, seen) ?? null);
  if (value instanceof Map) return toJsonContainer(Object.fromEntries(value), seen);
  if (value instanceof Set) return toJsonContainer([...value], seen);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const json = toJsonValue(v, seen);
    if (json !== undefined) out[k] = json;
  }
  return out;
}
