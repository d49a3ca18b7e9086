// Merges the conformance reports of sharded runs into one: tests concatenated, coverage and summary rebuilt from
// them, so gates apply to the whole run. Reports of different hubkit versions, API versions, targets or suites, or
// reports that share a test, are refused with the reason.
import { HubkitError } from "../errors.js";
import { type RunResult, summarize, type TestResult } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import { buildConformanceReport } from "./build-report.js";
import type { ConformanceReport } from "./conformance-report.js";

export const E_MERGE_MISMATCH = "E_MERGE_MISMATCH";

export interface NamedReport {
  /** Where the report came from, for messages. */
  path: string;
  report: ConformanceReport;
}

/** What must be equal for two reports to be parts of one run. */
const SAME: ReadonlyArray<{ what: string; of: (r: ConformanceReport) => unknown }> = [
  { what: "hubkit version", of: (r) => r.metadata.hubkitVersion },
  { what: "API version", of: (r) => r.metadata.apiVersion },
  { what: "API versions covered", of: (r) => r.coverage.versions.map((v) => v.apiVersion) },
  { what: "target kind", of: (r) => r.metadata.target.kind },
  { what: "suites", of: (r) => r.metadata.suites ?? "not recorded" },
];

export function mergeReports(inputs: readonly NamedReport[], spec: SpecIndex): ConformanceReport {
  const [first, ...rest] = inputs;
  if (!first)
    throw new HubkitError("Nothing to merge: pass the conformance.json of each shard.", { code: "E_REPORT_INPUT" });
  for (const other of rest) checkCompatible(first, other);
  const tests = collectTests(inputs);
  const startedAt = inputs.map((i) => i.report.metadata.startedAt).sort()[0]!;
  const finishedAt = inputs
    .map((i) => i.report.metadata.finishedAt)
    .sort()
    .at(-1)!;
  const durationMs = Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt));
  const run: RunResult = {
    metadata: { ...first.report.metadata, startedAt, finishedAt },
    tests,
    summary: summarize(tests, durationMs),
  };
  const warnings = inputs.flatMap((i) => i.report.warnings ?? []);
  if (warnings.length > 0) run.warnings = warnings;
  return buildConformanceReport(run, spec);
}

function checkCompatible(first: NamedReport, other: NamedReport): void {
  for (const { what, of } of SAME) {
    const a = JSON.stringify(of(first.report));
    const b = JSON.stringify(of(other.report));
    if (a === b) continue;
    throw new HubkitError(
      `Cannot merge ${other.path} into ${first.path}: they differ in ${what} (${b} vs ${a}). Only the shards of one run can be merged.`,
      {
        code: E_MERGE_MISMATCH,
        hint: "Run every shard with the same hubkit, suites and target, e.g. hubkit run --shard 1/4 ... --shard 4/4.",
      },
    );
  }
}

/** All tests, each exactly once, in suite file and source order (the order one unsharded run reports them). */
function collectTests(inputs: readonly NamedReport[]): TestResult[] {
  const seen = new Map<string, string>();
  const tests: TestResult[] = [];
  for (const { path, report } of inputs) {
    for (const test of report.tests) {
      const earlier = seen.get(test.id);
      if (earlier !== undefined) {
        throw new HubkitError(`Cannot merge: test "${test.id}" is in both ${earlier} and ${path}.`, {
          code: E_MERGE_MISMATCH,
          hint: "Merge each shard's report once, and only shards of one run (--shard 1/n ... n/n).",
        });
      }
      seen.set(test.id, path);
      tests.push(test);
    }
  }
  return tests.sort(
    (a, b) => compare(a.file, b.file) || a.position.line - b.position.line || a.position.column - b.position.column,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
