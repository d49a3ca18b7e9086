// diffReports: per-test and per-cell changes between two runs.
import { describe, expect, it } from "vitest";
import {
  buildConformanceReport,
  diffExitCode,
  diffReports,
  renderDiffMarkdown,
  renderDiffText,
} from "../../src/reporters/index.js";
import { summarize } from "../../src/results/result.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun } from "../fixtures/runs/sample-runs.js";

const spec = loadSpec();
const mock = buildConformanceReport(passingRun(), spec);
const live = buildConformanceReport(failingRun(), spec);

describe("diffReports", () => {
  it("finds no differences between a run and itself", () => {
    const diff = diffReports(mock, mock);
    expect(diff.identical).toBe(true);
    expect(diff.tests.unchanged).toBe(27);
    expect(diffExitCode(diff)).toBe(0);
    expect(diffExitCode(diff, { strict: true })).toBe(0);
    expect(renderDiffText(diff)).toContain("No differences");
    expect(renderDiffMarkdown(diff)).toContain("## hubkit diff: identical");
  });

  it("reports outcome changes per test, classifying regressions", () => {
    const diff = diffReports(mock, live);
    const byId = new Map(diff.tests.changed.map((c) => [c.id, c]));
    expect(byId.get("users › send to a user")).toEqual({
      id: "users › send to a user",
      from: "passed",
      to: "failed",
      kind: "regression",
    });
    expect(byId.get("groups › add a connection to a group")?.kind).toBe("regression");
    expect(byId.get("auth › a token for another hub is 401")).toMatchObject({ to: "skipped", kind: "change" });
    expect(diffExitCode(diff)).toBe(1);
    // The other way round the same tests are improvements.
    const back = diffReports(live, mock);
    expect(back.tests.changed.filter((c) => c.kind === "improvement")).toHaveLength(5);
  });

  it("reports per operation x status cell, with newly failing cells as regressions", () => {
    const diff = diffReports(mock, live);
    const cells = diff.cells.changed.map((c) => `${c.operationId} ${c.status} ${c.from}>${c.to} ${c.kind}`);
    expect(cells).toContain("SignalR_SendToUser 202 passed>untested change");
    expect(cells).toContain("SignalR_SendToUser 400 untested>failed regression");
    expect(cells).toContain("SignalR_CheckConnectionExistence 500 untested>failed regression");
    expect(diff.regressions).toBe(6);
  });

  it("lists added and removed tests; only changes without regressions exit 0 unless strict", () => {
    const run = passingRun();
    const renamed = run.tests.map((t, i) => (i === 0 ? { ...t, id: "health › renamed", name: "renamed" } : t));
    const b = buildConformanceReport({ ...run, tests: renamed, summary: summarize(renamed, 1) }, spec);
    const diff = diffReports(mock, b);
    expect(diff.tests.added).toEqual([{ id: "health › renamed", outcome: "passed" }]);
    expect(diff.tests.removed).toEqual([{ id: "health › service is healthy", outcome: "passed" }]);
    expect(diff.identical).toBe(false);
    expect(diffExitCode(diff)).toBe(0);
    expect(diffExitCode(diff, { strict: true })).toBe(1);
    const text = renderDiffText(diff);
    expect(text).toContain("  + health › renamed (passed, only in B)");
    expect(text).toContain("  - health › service is healthy (passed, only in A)");
    expect(text.trimEnd().endsWith("changed, no regressions")).toBe(true);
  });
});
