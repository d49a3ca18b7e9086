// Every rendering of the sample runs compared with golden files, volatile fields scrubbed.
import { describe, it } from "vitest";
import {
  buildConformanceReport,
  diffReports,
  type FileReporterName,
  RENDERINGS,
  redactReport,
  renderDiffMarkdown,
  renderDiffText,
} from "../../src/reporters/index.js";
import type { RunResult } from "../../src/results/result.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun, SAMPLE_ACCESS_KEY } from "../fixtures/runs/sample-runs.js";
import { expectGolden, scrubVolatile } from "./golden.js";

const spec = loadSpec();

function render(name: FileReporterName, run: RunResult): string {
  const report = redactReport(buildConformanceReport(scrubVolatile(run), spec), [SAMPLE_ACCESS_KEY]);
  return RENDERINGS[name].render(report);
}

const FILES: Record<FileReporterName, string> = { json: "json", junit: "xml", html: "html", md: "md" };

describe("golden files (volatile fields scrubbed; refresh with UPDATE_GOLDEN=1)", () => {
  for (const [name, ext] of Object.entries(FILES) as Array<[FileReporterName, string]>) {
    it(`${name}: a run with failures, errors, a skip and an undocumented status`, () => {
      expectGolden(`failing-run.${ext}`, render(name, failingRun()));
    });
    it(`${name}: a clean run against the mock`, () => {
      expectGolden(`passing-run.${ext}`, render(name, passingRun()));
    });
  }

  it("diff: console text and Markdown", () => {
    const a = buildConformanceReport(scrubVolatile(passingRun()), spec);
    const b = redactReport(buildConformanceReport(scrubVolatile(failingRun()), spec));
    const diff = diffReports(a, b, { a: "mock.json", b: "live.json" });
    expectGolden("diff.txt", renderDiffText(diff));
    expectGolden("diff.md", renderDiffMarkdown(diff));
  });
});
