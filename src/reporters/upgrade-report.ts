// Brings a valid conformance.json of an older hubkit up to today's shape, so every rendering reads one model.
import type { ConformanceReport, CoverageRow } from "./conformance-report.js";
import { versionCoverage } from "./coverage.js";

/**
 * The shape a schema-valid document may have: fields added since schema version 1 are optional there.
 * Reports before per-version coverage lack `rows[].apiVersions` (single-version runs) and `coverage.versions`.
 */
export type StoredReport = Omit<ConformanceReport, "coverage"> & {
  coverage: Omit<ConformanceReport["coverage"], "rows" | "versions"> & {
    rows: ReadonlyArray<Omit<CoverageRow, "apiVersions"> & { apiVersions?: readonly string[] }>;
    versions?: ConformanceReport["coverage"]["versions"];
  };
};

/** Pure: a row without versions belongs to the run's API version; per-version figures are derived from the rows. */
export function upgradeReport(stored: StoredReport): ConformanceReport {
  const runVersion = stored.metadata.apiVersion;
  const rows: CoverageRow[] = stored.coverage.rows.map((row) =>
    row.apiVersions ? (row as CoverageRow) : { ...row, apiVersions: [runVersion] },
  );
  const versions = stored.coverage.versions ?? versionCoverage(rows, [runVersion]);
  return { ...stored, coverage: { ...stored.coverage, rows, versions } };
}
