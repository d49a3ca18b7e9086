// buildConformanceReport: summary, coverage matrix and the report schema.
import { describe, expect, it } from "vitest";
import {
  buildConformanceReport,
  cellState,
  MOCK_STATUSES,
  toJsonValue,
  validateReportDocument,
} from "../../src/reporters/index.js";
import type { RunResult, StepResult } from "../../src/results/result.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun } from "../fixtures/runs/sample-runs.js";

const spec = loadSpec();

function cell(report: ReturnType<typeof buildConformanceReport>, operationId: string, status: number) {
  const row = report.coverage.rows.find((r) => r.operationId === operationId)!;
  return row.cells.find((c) => c.status === status)!;
}

describe("buildConformanceReport", () => {
  it("produces documents that validate against spec/report.schema.json", () => {
    for (const run of [passingRun(), failingRun()]) {
      expect(validateReportDocument(buildConformanceReport(run, spec))).toEqual([]);
    }
  });

  it("keeps run metadata and every test and step with its outcome", () => {
    const run = failingRun();
    const report = buildConformanceReport(run, spec);
    expect(report.schemaVersion).toBe(2);
    expect(report.metadata.runId).toBe("run-live-7");
    expect(report.tests.map((t) => [t.id, t.outcome])).toEqual(run.tests.map((t) => [t.id, t.outcome]));
    const groups = report.tests.find((t) => t.id === "groups › add a connection to a group")!;
    expect(groups.steps.map((s) => s.outcome)).toEqual(["errored", "skipped"]);
  });

  it("computes summary figures, with the pass rate over the tests that ran", () => {
    const { summary } = buildConformanceReport(failingRun(), spec);
    expect(summary).toMatchObject({ total: 27, passed: 22, failed: 3, errored: 1, skipped: 1, executed: 26 });
    expect(summary.passRate).toBe(84.6);
  });

  it("keeps request/response only for failed and errored steps", () => {
    const report = buildConformanceReport(failingRun(), spec);
    const steps = report.tests.flatMap((t) => t.steps);
    expect(steps.filter((s) => s.outcome === "passed").every((s) => s.exchange === undefined)).toBe(true);
    const failed = report.tests.find((t) => t.id === "users › send to a user")!.steps[0]!;
    expect(failed.exchange?.response?.status).toBe(400);
    expect(failed.checks[0]).toMatchObject({ expected: 202, actual: 400, position: { line: 19, column: 17 } });
  });

  it("builds the matrix: 19 operations x documented and mock statuses, plus any status observed", () => {
    const clean = buildConformanceReport(passingRun(), spec);
    expect(clean.coverage.rows).toHaveLength(19);
    expect(clean.coverage.statuses).toEqual([...MOCK_STATUSES]);
    const live = buildConformanceReport(failingRun(), spec);
    expect(live.coverage.statuses).toEqual([...MOCK_STATUSES, 500]);
    for (const row of live.coverage.rows) {
      expect(row.cells.map((c) => c.status)).toEqual(live.coverage.statuses);
      const documented = spec.documentedStatuses(row.operationId);
      expect(row.cells.filter((c) => c.documented).map((c) => c.status)).toEqual(documented);
    }
  });

  it("marks cells exercised and passed from the steps' operationId and status", () => {
    const report = buildConformanceReport(failingRun(), spec);
    expect(cellState(cell(report, "SignalR_Broadcast", 202))).toBe("passed");
    expect(cell(report, "SignalR_Broadcast", 202).tests).toEqual(["send › broadcast"]);
    const sendToUser400 = cell(report, "SignalR_SendToUser", 400);
    expect(sendToUser400).toMatchObject({ documented: true, exercised: true, passed: false, steps: 1, failedSteps: 1 });
    expect(cellState(cell(report, "SignalR_SendToUser", 202))).toBe("untested");
    const undocumented = cell(report, "SignalR_CheckConnectionExistence", 500);
    expect(undocumented).toMatchObject({ documented: false, exercised: true, passed: false });
  });

  it("figures: operations exercised of 19, documented pairs exercised, undocumented pairs observed", () => {
    const { coverage } = buildConformanceReport(failingRun(), spec);
    const documentedPairs = spec.operations.reduce((n, o) => n + spec.documentedStatuses(o.operationId).length, 0);
    // SendToUser (400) and CheckConnectionExistence (500) failed; the errored step had no status, so no cell.
    expect(coverage.operations).toEqual({ total: 19, exercised: 19, passed: 17, percent: 100 });
    expect(coverage.pairs).toEqual({
      total: documentedPairs,
      exercised: 24,
      passed: 23,
      percent: Math.floor((24 * 1000) / documentedPairs) / 10,
      undocumentedExercised: 1,
    });
  });

  it("ignores skipped steps, steps without a status and operations the spec does not know", () => {
    const run = passingRun();
    const base = run.tests[0]!;
    const extra: StepResult[] = [
      {
        ...base.steps[0]!,
        outcome: "skipped",
        reason: "x",
        http: { operationId: "SignalR_CloseConnections", status: 400 },
      },
      { ...base.steps[0]!, http: { status: 400 } },
      { ...base.steps[0]!, http: { operationId: "Nope_NotInSpec", status: 418 } },
    ];
    const tests = [{ ...base, steps: [...base.steps, ...extra] }];
    const report = buildConformanceReport({ ...run, tests } satisfies RunResult, spec);
    expect(cell(report, "SignalR_CloseConnections", 400).exercised).toBe(false);
    expect(report.coverage.statuses).not.toContain(418);
    expect(report.coverage.operations.exercised).toBe(1);
  });

  it("never shows 100% for an incomplete figure (rounds down)", () => {
    const run = passingRun();
    const tests = Array.from({ length: 2000 }, (_, i) => ({ ...run.tests[0]!, id: `t${i}` }));
    tests[0] = { ...tests[0]!, outcome: "failed", skipReason: undefined };
    const report = buildConformanceReport(
      { ...run, tests, summary: { ...run.summary, total: 2000, passed: 1999, failed: 1 } },
      spec,
    );
    expect(report.summary.passRate).toBe(99.9);
  });

  it("a run with no tests has a 0% pass rate and an empty matrix", () => {
    const run = passingRun();
    const report = buildConformanceReport(
      { ...run, tests: [], summary: { ...run.summary, total: 0, passed: 0 } },
      spec,
    );
    expect(report.summary).toMatchObject({ executed: 0, passRate: 0 });
    expect(report.coverage.pairs.exercised).toBe(0);
    expect(validateReportDocument(report)).toEqual([]);
  });

  it("turns matcher values into plain JSON", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    expect(toJsonValue(/^c\d+$/)).toBe("/^c\\d+$/");
    expect(toJsonValue(10n)).toBe("10");
    expect(toJsonValue(Number.NaN)).toBe("NaN");
    expect(toJsonValue(new Map([["k", new Set([1, 2])]]))).toEqual({ k: [1, 2] });
    expect(toJsonValue({ f: () => 1, u: undefined, d: new Date(0) })).toEqual({ d: "1970-01-01T00:00:00.000Z" });
    expect(toJsonValue(cyclic)).toEqual({ a: 1, self: "[Circular]" });
    expect(toJsonValue([shared, shared])).toEqual([{ x: 1 }, { x: 1 }]);
    expect(toJsonValue(new TypeError("boom"))).toBe("TypeError: boom");
  });
});

describe("spec/report.schema.json", () => {
  it("rejects documents that are not conformance reports", () => {
    const report = buildConformanceReport(passingRun(), spec);
    expect(validateReportDocument({})).toContain("(root) must have required property 'metadata'");
    const badOutcome = { ...report, tests: [{ ...report.tests[0], outcome: "maybe" }] };
    expect(validateReportDocument(badOutcome).join("\n")).toMatch(/\/tests\/0\/outcome must be equal to one of/);
    const failedWithoutReason = {
      ...report,
      tests: [{ ...report.tests[0], steps: [{ ...report.tests[0]!.steps[0], outcome: "failed" }] }],
    };
    expect(validateReportDocument(failedWithoutReason).join("\n")).toMatch(/must have required property 'failure'/);
    expect(validateReportDocument({ ...report, schemaVersion: 3 }).join("\n")).toMatch(/schemaVersion/);
    expect(validateReportDocument({ ...report, extra: true }).join("\n")).toMatch(/additional properties/);
  });
});
