// `hubkit diff` output: what changed between two runs, as console text or as Markdown for a pull request.
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";
import type { ChangeKind, DiffSide, ReportDiff } from "./diff-reports.js";
import { escapeMarkdownCell } from "./text-format.js";

export const DIFF_REPORTERS = ["console", "md"] as const;

const MARK: Record<ChangeKind, string> = { regression: "✗", improvement: "✓", change: "~" };

/** 0 when nothing regressed (or, with `strict`, nothing changed at all); 1 otherwise. */
export function diffExitCode(diff: ReportDiff, options: { strict?: boolean } = {}): ExitCode {
  if (options.strict) return diff.identical ? EXIT_CODES.ok : EXIT_CODES.failed;
  return diff.regressions > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
}

export function renderDiffText(diff: ReportDiff): string {
  const { tests, cells } = diff;
  const lines = ["hubkit diff", `  A: ${describeSide(diff.a)}`, `  B: ${describeSide(diff.b)}`, ""];
  if (diff.identical)
    return [...lines, "No differences: every test and every operation × status cell is the same.", ""].join("\n");
  lines.push(
    `Tests: ${counts(tests.changed)}, ${tests.added.length} added, ${tests.removed.length} removed (${tests.unchanged} unchanged)`,
  );
  for (const c of tests.changed) lines.push(`  ${MARK[c.kind]} ${c.id}: ${c.from} → ${c.to}`);
  for (const t of tests.added) lines.push(`  + ${t.id} (${t.outcome}, only in B)`);
  for (const t of tests.removed) lines.push(`  - ${t.id} (${t.outcome}, only in A)`);
  lines.push(`Operation × status: ${counts(cells.changed)} (${cells.unchanged} unchanged)`);
  for (const c of cells.changed) lines.push(`  ${MARK[c.kind]} ${c.operationId} ${c.status}: ${c.from} → ${c.to}`);
  lines.push("", verdict(diff), "");
  return lines.join("\n");
}

export function renderDiffMarkdown(diff: ReportDiff): string {
  const { tests, cells } = diff;
  const head = [
    `## hubkit diff: ${verdict(diff)}`,
    "",
    "| | Target | Run | Passed | Operation × status |",
    "|---|---|---|---:|---:|",
    sideRow("A", diff.a),
    sideRow("B", diff.b),
  ];
  if (diff.identical) return [...head, "", "No differences.", ""].join("\n");
  const testRows = [
    ...tests.changed.map((c) => row(MARK[c.kind], c.id, c.from, c.to)),
    ...tests.added.map((t) => row("+", t.id, "—", t.outcome)),
    ...tests.removed.map((t) => row("-", t.id, t.outcome, "—")),
  ];
  const cellRows = cells.changed.map((c) => row(MARK[c.kind], `\`${c.operationId}\` ${c.status}`, c.from, c.to));
  return [
    ...head,
    ...section(
      `Tests (${counts(tests.changed)}, ${tests.added.length} added, ${tests.removed.length} removed)`,
      "Test",
      testRows,
    ),
    ...section(`Operation × status (${counts(cells.changed)})`, "Operation status", cellRows),
    "",
  ].join("\n");
}

function section(title: string, label: string, rows: string[]): string[] {
  if (rows.length === 0) return [];
  return ["", `### ${title}`, "", `| | ${label} | A | B |`, "|---|---|---|---|", ...rows];
}

function row(mark: string, name: string, from: string, to: string): string {
  return `| ${mark} | ${escapeMarkdownCell(name)} | ${from} | ${to} |`;
}

function sideRow(name: string, s: DiffSide): string {
  return `| ${name} | ${s.targetKind} \`${escapeMarkdownCell(s.endpoint)}\` | \`${escapeMarkdownCell(s.runId)}\` | ${s.passed}/${s.executed} | ${s.pairsExercised}/${s.pairsTotal}${escapeMarkdownCell(byVersion(s))} |`;
}

function describeSide(s: DiffSide): string {
  return `${s.label}  ${s.targetKind} ${s.endpoint}  run ${s.runId}  ${s.passed}/${s.executed} passed  ${s.pairsExercised}/${s.pairsTotal} pairs${byVersion(s)}`;
}

/** ` (2022-06-01: 17/19 operations, 2024-12-01: 24/26)` when the run covered several API versions. */
function byVersion(s: DiffSide): string {
  if (s.versions.length <= 1) return "";
  const parts = s.versions.map((v) => `${v.apiVersion}: ${v.operations.exercised}/${v.operations.total}`);
  return ` (operations ${parts.join(", ")})`;
}

function counts(changes: ReadonlyArray<{ kind: ChangeKind }>): string {
  const n = (kind: ChangeKind) => changes.filter((c) => c.kind === kind).length;
  return `${n("regression")} regression(s), ${n("improvement")} improvement(s), ${n("change")} other change(s)`;
}

function verdict(diff: ReportDiff): string {
  if (diff.identical) return "identical";
  return diff.regressions > 0 ? `${diff.regressions} regression(s)` : "changed, no regressions";
}
