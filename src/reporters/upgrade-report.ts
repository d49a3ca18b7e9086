// Brings a valid conformance.json of an older hubkit up to today's shape, so every rendering reads one model.
import type { StepResult, TestResult } from "../results/result.js";
import { type ConformanceReport, type CoverageRow, REPORT_SCHEMA_VERSION } from "./conformance-report.js";
import { versionCoverage } from "./coverage.js";

/** A step as hubkit wrote it before `http`: the status and operation as two top-level fields. */
type StoredStep = StepResult & { operationId?: string; status?: number };

/**
 * The shape a schema-valid document may have: fields added since schema version 1 are optional there.
 * Reports before per-version coverage lack `rows[].apiVersions` (single-version runs) and `coverage.versions`;
 * reports before typed HTTP steps carry `operationId`/`status` on the step instead of `http`.
 */
export type StoredReport = Omit<ConformanceReport, "schemaVersion" | "coverage" | "tests"> & {
  schemaVersion: 1 | typeof REPORT_SCHEMA_VERSION;
  coverage: Omit<ConformanceReport["coverage"], "rows" | "versions"> & {
    rows: ReadonlyArray<Omit<CoverageRow, "apiVersions"> & { apiVersions?: readonly string[] }>;
    versions?: ConformanceReport["coverage"]["versions"];
  };
  tests: ReadonlyArray<Omit<TestResult, "steps"> & { steps: readonly StoredStep[] }>;
};

/** Pure: the document in today's schema version; a row without versions belongs to the run's API version; per-version figures are derived from the rows. */
export function upgradeReport(stored: StoredReport): ConformanceReport {
  const runVersion = stored.metadata.apiVersion;
  const rows: CoverageRow[] = stored.coverage.rows.map((row) =>
    row.apiVersions ? (row as CoverageRow) : { ...row, apiVersions: [runVersion] },
  );
  const versions = stored.coverage.versions ?? versionCoverage(rows, [runVersion]);
  const tests = stored.tests.map((test) => ({ ...test, steps: test.steps.map(upgradeStep) }) as TestResult);
  return { ...stored, schemaVersion: REPORT_SCHEMA_VERSION, coverage: { ...stored.coverage, rows, versions }, tests };
}

function upgradeStep(step: StoredStep): StepResult {
  if (!("operationId" in step) && !("status" in step)) return step;
  const { operationId, status, ...rest } = step;
  // A status is what made a step an HTTP exchange; an operation without one exercised nothing.
  if (status === undefined || rest.http) return rest as StepResult;
  return { ...rest, http: operationId === undefined ? { status } : { status, operationId } } as StepResult;
}
