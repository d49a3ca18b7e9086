// The conformance.json document: the one truth every rendering reads, described by spec/report.schema.json.
import type { RunMetadata, RunSummary, RunWarning, TestResult } from "../results/result.js";

/**
 * Bumped only on a breaking change of the document; additions keep the version. 2: HTTP steps carry `http` instead
 * of top-level `operationId`/`status` (version 1 documents are still read: see upgrade-report.ts).
 */
export const REPORT_SCHEMA_VERSION = 2;

export interface ConformanceReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  metadata: RunMetadata;
  summary: ReportSummary;
  coverage: Coverage;
  /** Every test and step; request/response exchanges are kept only for failed and errored steps. */
  tests: readonly TestResult[];
  /** Run-level warnings (e.g. a retry sooner than its Retry-After); absent when there are none. */
  warnings?: readonly RunWarning[];
}

export interface ReportSummary extends RunSummary {
  /** Tests that ran (not skipped). */
  executed: number;
  /** `passed / executed` in percent, rounded down to one decimal; 0 when nothing ran. */
  passRate: number;
}

export interface CoverageFigure {
  total: number;
  exercised: number;
  /** Exercised, and every step that exercised it passed. */
  passed: number;
  /** `exercised / total` in percent, rounded down to one decimal. */
  percent: number;
}

export interface Coverage {
  /** The matrix columns: documented statuses, the statuses the mock can return, and any status observed. */
  statuses: readonly number[];
  /** Operations exercised, of all the spec's operations. */
  operations: CoverageFigure;
  /** Documented operation x status pairs exercised. */
  pairs: CoverageFigure & {
    /** Pairs the spec does not document that the run still observed (a conformance finding of its own). */
    undocumentedExercised: number;
  };
  /** One row per spec operation, in spec order. */
  rows: readonly CoverageRow[];
  /**
   * The same figures for each API version the spec holds (default version first), counted over the operations that
   * version defines: an operation of several versions counts in each. Reports of older hubkit versions lack it;
   * readConformanceReport derives it from the rows.
   */
  versions: readonly VersionCoverage[];
}

/** Coverage of one API version: its operations and their documented statuses (see Coverage.versions). */
export interface VersionCoverage {
  apiVersion: string;
  operations: CoverageFigure;
  pairs: CoverageFigure & { undocumentedExercised: number };
}

export interface CoverageRow {
  operationId: string;
  method: string;
  path: string;
  /** The API versions that define this operation (its rows appear in each version's matrix). */
  apiVersions: readonly string[];
  /** Aligned with `Coverage.statuses`. */
  cells: readonly CoverageCell[];
}

export interface CoverageCell {
  status: number;
  documented: boolean;
  exercised: boolean;
  passed: boolean;
  /** How many steps received this status from this operation. */
  steps: number;
  /** Of those, how many failed or errored. */
  failedSteps: number;
  /** Ids of the tests that exercised the pair. */
  tests: readonly string[];
}

export type CellState = "passed" | "failed" | "untested";

export function cellState(cell: CoverageCell): CellState {
  if (!cell.exercised) return "untested";
  return cell.passed ? "passed" : "failed";
}
