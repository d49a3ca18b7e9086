// Feeds a saved conformance report back through a Reporter's hooks, so `hubkit report --reporter console` works.

import type { Reporter } from "../results/reporter.js";
import type { RunResult } from "../results/result.js";
import type { ConformanceReport } from "./conformance-report.js";

/** The RunResult a report was built from, minus what the report leaves out (exchanges of passed steps). */
export function toRunResult(report: ConformanceReport): RunResult {
  const { total, passed, failed, errored, skipped, durationMs } = report.summary;
  return {
    metadata: report.metadata,
    tests: report.tests,
    summary: { total, passed, failed, errored, skipped, durationMs },
  };
}

export async function replayReport(report: ConformanceReport, reporter: Reporter): Promise<void> {
  const result = toRunResult(report);
  const { hubkitVersion, apiVersion, target, startedAt, runId } = result.metadata;
  await reporter.onRunStart?.({
    metadata: { hubkitVersion, apiVersion, target, startedAt, runId },
    testCount: result.tests.length,
  });
  for (const test of result.tests) await reporter.onTestEnd?.(test);
  await reporter.onRunEnd?.(result);
}
