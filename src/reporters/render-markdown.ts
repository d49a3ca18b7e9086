// summary.md: a short Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY.
import type { ConformanceReport, CoverageRow } from "./conformance-report.js";
import {
  escapeMarkdownCell,
  formatDuration,
  formatPosition,
  problemSteps,
  problemTests,
  stepProblem,
} from "./text-format.js";

/** More than this and the comment stops being short; the rest is in report.html. */
const MAX_FAILURES = 15;
const MAX_PROBLEM_CHARS = 160;

export function renderMarkdown(report: ConformanceReport): string {
  return [
    headline(report),
    "",
    figuresTable(report),
    ...versionsTable(report),
    "",
    runLine(report),
    ...failures(report),
    ...warningLines(report),
    ...gaps(report),
    "",
  ].join("\n");
}

function headline(report: ConformanceReport): string {
  const { passed, failed, errored, executed } = report.summary;
  if (failed + errored === 0 && executed > 0) return `## ✅ hubkit conformance: ${passed} of ${executed} tests passed`;
  if (executed === 0) return "## ⚠️ hubkit conformance: no test ran";
  const parts = [failed && `${failed} failed`, errored && `${errored} errored`].filter(Boolean);
  return `## ❌ hubkit conformance: ${parts.join(", ")} (${passed} of ${executed} passed)`;
}

function figuresTable(report: ConformanceReport): string {
  const { summary: s, coverage: c } = report;
  return [
    "| Tests | Passed | Failed | Errored | Skipped | Pass rate | Operations | Operation × status |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${s.total} | ${s.passed} | ${s.failed} | ${s.errored} | ${s.skipped} | ${s.passRate}% | ` +
      `${c.operations.exercised}/${c.operations.total} | ${c.pairs.exercised}/${c.pairs.total} (${c.pairs.percent}%) |`,
  ].join("\n");
}

/** Several API versions: each one's operations and pairs, over the operations it defines. */
function versionsTable(report: ConformanceReport): string[] {
  const { versions } = report.coverage;
  if (versions.length <= 1) return [];
  return [
    "",
    "| API version | Operations | Operation × status |",
    "|---|---:|---:|",
    ...versions.map(
      (v) =>
        `| ${escapeMarkdownCell(v.apiVersion)} | ${v.operations.exercised}/${v.operations.total} | ` +
        `${v.pairs.exercised}/${v.pairs.total} (${v.pairs.percent}%) |`,
    ),
  ];
}

function runLine(report: ConformanceReport): string {
  const { metadata: m, summary } = report;
  return (
    `Target **${m.target.description ?? m.target.kind}** \`${m.target.endpoint}\` · API \`${m.apiVersion}\` · hubkit ${m.hubkitVersion} · ` +
    `${formatDuration(summary.durationMs)} · run \`${m.runId}\``
  );
}

function failures(report: ConformanceReport): string[] {
  const tests = problemTests(report.tests);
  if (tests.length === 0) return [];
  const rows = tests.slice(0, MAX_FAILURES).map((test) => {
    const step = problemSteps(test)[0];
    const where = formatPosition(step?.position ?? test.position);
    const problem = step ? clip(`${step.outcome === "errored" ? "⚠️ " : ""}${stepProblem(step)}`) : test.outcome;
    return `| ${escapeMarkdownCell(test.id)} | \`${escapeMarkdownCell(where)}\` | ${escapeMarkdownCell(problem)} |`;
  });
  const more = tests.length > MAX_FAILURES ? [`\n…and ${tests.length - MAX_FAILURES} more in report.html.`] : [];
  return ["", "### Failures", "", "| Test | Where | Problem |", "|---|---|---|", ...rows, ...more];
}

function warningLines(report: ConformanceReport): string[] {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return [];
  const rows = warnings.map(
    (w) => `- ⚠️ ${escapeMarkdownCell(w.message)}${w.test ? ` (${escapeMarkdownCell(w.test)})` : ""}`,
  );
  return ["", `### Warnings (${warnings.length})`, "", ...rows];
}

function gaps(report: ConformanceReport): string[] {
  const rows = report.coverage.rows.filter((row) =>
    row.cells.some((c) => (c.documented && !c.passed) || (!c.documented && c.exercised)),
  );
  if (rows.length === 0) return [];
  const missing = report.coverage.pairs.total - report.coverage.pairs.exercised;
  const undocumented = report.coverage.pairs.undocumentedExercised;
  const title = [`${missing} documented operation × status pairs not exercised`];
  if (undocumented > 0) title.push(`${undocumented} undocumented status(es) observed`);
  const byVersion = report.coverage.versions.length > 1;
  return [
    "",
    `<details><summary>Coverage gaps: ${title.join("; ")}</summary>`,
    "",
    `| Operation |${byVersion ? " API versions |" : ""} Not exercised | Failed | Undocumented but observed |`,
    `|---|${byVersion ? "---|" : ""}---|---|---|`,
    ...rows.map((row) => gapRow(row, byVersion)),
    "",
    "</details>",
  ];
}

function gapRow(row: CoverageRow, byVersion: boolean): string {
  const list = (pick: (c: CoverageRow["cells"][number]) => boolean) =>
    row.cells
      .filter(pick)
      .map((c) => c.status)
      .join(", ") || "–";
  const versions = byVersion ? ` ${escapeMarkdownCell(row.apiVersions.join(", "))} |` : "";
  return `| \`${row.operationId}\` |${versions} ${list((c) => c.documented && !c.exercised)} | ${list((c) => c.exercised && !c.passed)} | ${list((c) => !c.documented && c.exercised)} |`;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_PROBLEM_CHARS ? `${line.slice(0, MAX_PROBLEM_CHARS - 1)}…` : line;
}
