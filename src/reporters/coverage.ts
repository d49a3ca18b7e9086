// The coverage matrix: every spec operation x every status it documents or the mock returns, with what the run hit,
// and its figures overall and per API version.
import { operationStatusOf, type TestResult } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import type { Coverage, CoverageCell, CoverageFigure, CoverageRow, VersionCoverage } from "./conformance-report.js";
import { OperationStatusMap } from "./operation-status-map.js";

/** Every status the mock can answer with; columns always include them so runs against it line up. */
export const MOCK_STATUSES: readonly number[] = [200, 202, 204, 400, 401, 404, 413, 415];

interface Hits {
  steps: number;
  failedSteps: number;
  tests: Set<string>;
}

export function buildCoverage(tests: readonly TestResult[], spec: SpecIndex): Coverage {
  const hits = collectHits(tests, spec);
  const statuses = new Set<number>(MOCK_STATUSES);
  for (const op of spec.operations) for (const s of spec.documentedStatuses(op.operationId)) statuses.add(s);
  for (const { status } of hits.keys()) statuses.add(status);
  const columns = [...statuses].sort((a, b) => a - b);

  const rows: CoverageRow[] = spec.operations.map((op) => {
    const documented = new Set(spec.documentedStatuses(op.operationId));
    const cells = columns.map((status) =>
      toCell(status, documented.has(status), hits.get({ operationId: op.operationId, status })),
    );
    return { operationId: op.operationId, method: op.method, path: op.path, apiVersions: op.apiVersions, cells };
  });
  return { statuses: columns, ...figures(rows), rows, versions: versionCoverage(rows, spec.versions) };
}

/**
 * The figures of each version, over the rows whose operation that version defines. `versions` gives the order
 * (the spec's, default first); versions the rows name but `versions` lacks follow in order of appearance.
 */
export function versionCoverage(rows: readonly CoverageRow[], versions: readonly string[] = []): VersionCoverage[] {
  const all = [...new Set([...versions, ...rows.flatMap((r) => r.apiVersions)])];
  return all.map((apiVersion) => ({ apiVersion, ...figures(rows.filter((r) => r.apiVersions.includes(apiVersion))) }));
}

function collectHits(tests: readonly TestResult[], spec: SpecIndex): OperationStatusMap<Hits> {
  const hits = new OperationStatusMap<Hits>();
  for (const test of tests) {
    for (const step of test.steps) {
      const key = operationStatusOf(step);
      // A step routed to an operation the spec does not know cannot be placed in the matrix.
      if (!key || !spec.operation(key.operationId)) continue;
      const entry = hits.get(key) ?? { steps: 0, failedSteps: 0, tests: new Set<string>() };
      entry.steps += 1;
      if (step.outcome !== "passed") entry.failedSteps += 1;
      entry.tests.add(test.id);
      hits.set(key, entry);
    }
  }
  return hits;
}

function toCell(status: number, documented: boolean, hit: Hits | undefined): CoverageCell {
  if (!hit) return { status, documented, exercised: false, passed: false, steps: 0, failedSteps: 0, tests: [] };
  return {
    status,
    documented,
    exercised: true,
    passed: hit.failedSteps === 0,
    steps: hit.steps,
    failedSteps: hit.failedSteps,
    tests: [...hit.tests].sort(),
  };
}

function figures(rows: readonly CoverageRow[]): Pick<Coverage, "operations" | "pairs"> {
  const documented = rows.flatMap((r) => r.cells.filter((c) => c.documented));
  const exercisedRows = rows.filter((r) => r.cells.some((c) => c.exercised));
  const passedRows = exercisedRows.filter((r) => r.cells.every((c) => !c.exercised || c.passed));
  const undocumentedExercised = rows.flatMap((r) => r.cells.filter((c) => !c.documented && c.exercised)).length;
  return {
    operations: figure(rows.length, exercisedRows.length, passedRows.length),
    pairs: {
      ...figure(
        documented.length,
        documented.filter((c) => c.exercised).length,
        documented.filter((c) => c.passed).length,
      ),
      undocumentedExercised,
    },
  };
}

function figure(total: number, exercised: number, passed: number): CoverageFigure {
  return { total, exercised, passed, percent: percentDown(exercised, total) };
}

/** A percentage rounded down to one decimal, so 99.96% never shows as 100%. */
export function percentDown(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.floor((part * 1000) / whole) / 10;
}
