// One exchange seen by the validation proxy, judged against the spec and turned into a TestResult for the report.
import type { CheckResult, HttpExchange, StepResult, TestResult } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import { isError, type Violation } from "./violations.js";

export interface ProxyRecord {
  /** 1-based, in arrival order. */
  index: number;
  method: string;
  /** Path and query as the client sent them. */
  url: string;
  status: number;
  operationId?: string;
  violations: readonly Violation[];
  /** Set when Prism could not forward or read the exchange (the status is then Prism's, not the upstream's). */
  prismError?: string;
  exchange: HttpExchange;
}

export const PROXY_FILE = "hubkit proxy";

/**
 * Response violations always fail. A request violation fails only when the upstream accepted the request (2xx/3xx):
 * rejecting an invalid request is the behaviour the spec asks for, so conformance suites' negative cases pass.
 * A status the operation does not document fails too (Prism accepts any status when a `default` response exists).
 */
export function judgeRecord(record: ProxyRecord, spec: SpecIndex): CheckResult[] {
  const checks: CheckResult[] = [];
  const rejected = record.status >= 400;
  for (const violation of record.violations.filter(isError)) {
    const where = `${violation.location}: ${violation.message}`;
    if (violation.side === "response") {
      checks.push({ kind: "response-violation", outcome: "failed", title: `response violation ${where}` });
    } else {
      checks.push({
        kind: "request-violation",
        outcome: rejected ? "passed" : "failed",
        title: `request violation ${where} (the upstream ${rejected ? "rejected" : "accepted"} it with ${record.status})`,
      });
    }
  }
  if (record.operationId) {
    const documented = spec.documentedStatuses(record.operationId);
    const ok = documented.includes(record.status);
    checks.push({
      kind: "status",
      outcome: ok ? "passed" : "failed",
      title: ok
        ? `status ${record.status} is documented for ${record.operationId}`
        : `status ${record.status} is not one ${record.operationId} returns (${documented.join(", ")})`,
      expected: documented,
      actual: record.status,
    });
  }
  return checks;
}

export function recordToTest(record: ProxyRecord, spec: SpecIndex): TestResult {
  const checks = judgeRecord(record, spec);
  const position = { file: PROXY_FILE, line: record.index, column: 1 };
  const base = {
    kind: "request",
    title: `${record.method} ${record.url}`,
    position,
    durationMs: record.exchange.durationMs,
    http: record.operationId ? { status: record.status, operationId: record.operationId } : { status: record.status },
    checks,
    exchange: record.exchange,
    schemaViolations: record.violations.filter((v) => v.side === "response" && isError(v)).map((v) => v.message),
  };
  const failed = checks.filter((c) => c.outcome === "failed");
  const step: StepResult = record.prismError
    ? {
        ...base,
        outcome: "errored",
        error: { title: "Prism could not proxy the exchange", message: record.prismError },
      }
    : failed.length > 0
      ? { ...base, outcome: "failed", failure: failed.map((c) => c.title).join("; ") }
      : { ...base, outcome: "passed" };
  const name = `#${record.index} ${record.method} ${record.url} → ${record.status}`;
  return {
    id: `proxy › ${name}`,
    suite: "proxy",
    name,
    file: PROXY_FILE,
    position,
    tags: ["proxy"],
    outcome: step.outcome,
    durationMs: step.durationMs,
    steps: [step],
  };
}
