// Public surface of the reporters: conformance.json and its renderings, the CI gate, run-to-run diffs.

export type { Reporter, RunStartInfo } from "../results/reporter.js";
export { buildConformanceReport, toJsonValue } from "./build-report.js";
export type {
  CellState,
  ConformanceReport,
  Coverage,
  CoverageCell,
  CoverageFigure,
  CoverageRow,
  ReportSummary,
  VersionCoverage,
} from "./conformance-report.js";
export { cellState, REPORT_SCHEMA_VERSION } from "./conformance-report.js";
export { buildCoverage, MOCK_STATUSES } from "./coverage.js";
export {
  type CellChange,
  type ChangeKind,
  type DiffSide,
  diffReports,
  type ReportDiff,
  type TestChange,
} from "./diff-reports.js";
export { createFileReporter, type FileReporter, type WriteOptions, writeRendering } from "./file-reporter.js";
export { E_GATE, EXIT_CODES, evaluateGates, type GateOptions, type GateResult, parsePercent } from "./gates.js";
export { E_REPORT_INPUT, readConformanceReport } from "./load-report.js";
export { mergeReports, type NamedReport } from "./merge-reports.js";
export { redactReport, redactText } from "./redact-report.js";
export {
  createReporters,
  DEFAULT_OUT_DIR,
  E_REPORTER,
  parseReporterNames,
  type ReporterOptions,
  reporterNames,
} from "./registry.js";
export {
  DIFF_REPORTERS,
  diffExitCode,
  renderDiffMarkdown,
  renderDiffText,
} from "./render-diff.js";
export { renderHtml } from "./render-html.js";
export { renderJunit } from "./render-junit.js";
export { renderMarkdown } from "./render-markdown.js";
export { type FileReporterName, RENDERINGS, type Rendering } from "./renderings.js";
export { replayReport, toRunResult } from "./replay.js";
export { REPORT_SCHEMA_PATH, validateReportDocument } from "./report-schema.js";
export { writeFileAtomic } from "./write-file-atomic.js";
