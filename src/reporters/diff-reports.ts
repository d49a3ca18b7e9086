// Compares two conformance reports (mock vs live, or two builds) per test and per operation x status cell.
import type { Outcome } from "../results/result.js";
import { type CellState, type ConformanceReport, cellState, type VersionCoverage } from "./conformance-report.js";
import { OperationStatusMap } from "./operation-status-map.js";

/**
 * Tests: regression = passed in A, failed or errored in B. Cells: regression = failed in B and not in A (a pair that
 * broke, or a status newly observed that fails, such as a 500). improvement = passes in B and did not in A.
 */
export type ChangeKind = "regression" | "improvement" | "change";

export interface TestChange {
  id: string;
  from: Outcome;
  to: Outcome;
  kind: ChangeKind;
}

export interface CellChange {
  operationId: string;
  status: number;
  from: CellState;
  to: CellState;
  kind: ChangeKind;
}

export interface DiffSide {
  /** How the user named the file. */
  label: string;
  targetKind: string;
  endpoint: string;
  runId: string;
  passed: number;
  executed: number;
  pairsExercised: number;
  pairsTotal: number;
  /** Coverage per API version, as the report gives it. */
  versions: readonly VersionCoverage[];
}

export interface ReportDiff {
  a: DiffSide;
  b: DiffSide;
  tests: {
    changed: TestChange[];
    added: Array<{ id: string; outcome: Outcome }>;
    removed: Array<{ id: string; outcome: Outcome }>;
    unchanged: number;
  };
  cells: { changed: CellChange[]; unchanged: number };
  regressions: number;
  identical: boolean;
}

export function diffReports(
  a: ConformanceReport,
  b: ConformanceReport,
  labels: { a: string; b: string } = { a: "A", b: "B" },
): ReportDiff {
  const tests = diffTests(a, b);
  const cells = diffCells(a, b);
  const regressions = [...tests.changed, ...cells.changed].filter((c) => c.kind === "regression").length;
  const identical = tests.changed.length + tests.added.length + tests.removed.length + cells.changed.length === 0;
  return { a: side(a, labels.a), b: side(b, labels.b), tests, cells, regressions, identical };
}

function side(report: ConformanceReport, label: string): DiffSide {
  const { metadata: m, summary: s, coverage: c } = report;
  return {
    label,
    targetKind: m.target.kind,
    endpoint: m.target.endpoint,
    runId: m.runId,
    passed: s.passed,
    executed: s.executed,
    pairsExercised: c.pairs.exercised,
    pairsTotal: c.pairs.total,
    versions: c.versions,
  };
}

function diffTests(a: ConformanceReport, b: ConformanceReport): ReportDiff["tests"] {
  const before = new Map(a.tests.map((t) => [t.id, t.outcome]));
  const after = new Map(b.tests.map((t) => [t.id, t.outcome]));
  const changed: TestChange[] = [];
  const removed: ReportDiff["tests"]["removed"] = [];
  let unchanged = 0;
  for (const [id, from] of before) {
    const to = after.get(id);
    if (to === undefined) removed.push({ id, outcome: from });
    else if (to === from) unchanged += 1;
    else changed.push({ id, from, to, kind: classify(from === "passed", to === "passed", isBad(to)) });
  }
  const added = b.tests.filter((t) => !before.has(t.id)).map((t) => ({ id: t.id, outcome: t.outcome }));
  return { changed, added, removed, unchanged };
}

function isBad(outcome: Outcome | CellState): boolean {
  return outcome === "failed" || outcome === "errored";
}

function classify(passedBefore: boolean, passedAfter: boolean, badAfter: boolean): ChangeKind {
  if (passedBefore && badAfter) return "regression";
  if (!passedBefore && passedAfter) return "improvement";
  return "change";
}

/** Only called when the states differ, so `to === "failed"` means it did not fail before. */
function classifyCell(to: CellState): ChangeKind {
  if (to === "failed") return "regression";
  return to === "passed" ? "improvement" : "change";
}

function diffCells(a: ConformanceReport, b: ConformanceReport): ReportDiff["cells"] {
  const before = cellStates(a);
  const after = cellStates(b);
  const changed: CellChange[] = [];
  let unchanged = 0;
  const keys = new OperationStatusMap<true>();
  for (const key of [...before.keys(), ...after.keys()]) keys.set(key, true);
  for (const key of keys.keys()) {
    const from = before.get(key) ?? "untested";
    const to = after.get(key) ?? "untested";
    if (from === to) {
      unchanged += 1;
      continue;
    }
    changed.push({ operationId: key.operationId, status: key.status, from, to, kind: classifyCell(to) });
  }
  return { changed, unchanged };
}

function cellStates(report: ConformanceReport): OperationStatusMap<CellState> {
  const states = new OperationStatusMap<CellState>();
  for (const row of report.coverage.rows) {
    for (const cell of row.cells) {
      // Cells nobody documents and nobody hit are not part of either run's picture.
      if (cell.documented || cell.exercised) {
        states.set({ operationId: row.operationId, status: cell.status }, cellState(cell));
      }
    }
  }
  return states;
}
