// renderMarkdown: the summary.md for pull requests.
import { describe, expect, it } from "vitest";
import { buildConformanceReport, renderMarkdown } from "../../src/reporters/index.js";
import type { RunResult, TestResult } from "../../src/results/result.js";
import { summarize } from "../../src/results/result.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun } from "../fixtures/runs/sample-runs.js";

const spec = loadSpec();
const md = (run: RunResult) => renderMarkdown(buildConformanceReport(run, spec));

function withTests(run: RunResult, tests: TestResult[]): RunResult {
  return { ...run, tests, summary: summarize(tests, run.summary.durationMs) };
}

describe("renderMarkdown", () => {
  it("leads with a verdict and the figures", () => {
    expect(md(passingRun()).split("\n")[0]).toBe("## ✅ hubkit conformance: 27 of 27 tests passed");
    const failing = md(failingRun());
    expect(failing.split("\n")[0]).toBe("## ❌ hubkit conformance: 3 failed, 1 errored (22 of 26 passed)");
    expect(failing).toContain("| 27 | 22 | 3 | 1 | 1 | 84.6% | 19/19 | 24/71 (33.8%) |");
    expect(failing).toContain("| users › send to a user | `suites/users.yaml:17:7` | 2 of 2 checks failed");
  });

  it("says so when no test ran", () => {
    const run = passingRun();
    const skipped = run.tests.map((t) => ({ ...t, outcome: "skipped" as const, skipReason: "tag filter" }));
    expect(md(withTests(run, skipped)).split("\n")[0]).toBe("## ⚠️ hubkit conformance: no test ran");
  });

  it("stays short: at most 15 failures listed, pipes and line breaks escaped", () => {
    const run = failingRun();
    const bad = run.tests.find((t) => t.id === "users › send to a user")!;
    const many = Array.from({ length: 20 }, (_, i) => ({ ...bad, id: `users › case | ${i}\nnext`, name: `case ${i}` }));
    const text = md(withTests(run, many));
    expect(text.match(/^\| users › case/gm)).toHaveLength(15);
    expect(text).toContain("| users › case \\| 0 next |");
    expect(text).toContain("…and 5 more in report.html.");
  });

  it("lists coverage gaps in a collapsed block, including undocumented statuses", () => {
    const text = md(failingRun());
    expect(text).toContain(
      "<details><summary>Coverage gaps: 47 documented operation × status pairs not exercised; 1 undocumented status(es) observed</summary>",
    );
    expect(text).toContain("| `SignalR_CheckConnectionExistence` | 200, 400, 401 | 500 | 500 |");
  });
});
