// report.html: the coverage matrix, operations x statuses, coloured by what the run exercised and whether it passed;
// one table per API version (each with the operations that version defines and its own figures).
import {
  type Coverage,
  type CoverageCell,
  type CoverageRow,
  cellState,
  type VersionCoverage,
} from "./conformance-report.js";
import { MOCK_STATUSES } from "./coverage.js";
import { escapeHtml as h } from "./text-format.js";

/** The coverage heading and matrices: one table for a single-version run, one per version otherwise. */
export function renderHtmlCoverage(coverage: Coverage): string {
  const { operations: o, pairs: p, versions } = coverage;
  if (versions.length <= 1) {
    const only = versions[0] ? ` (API ${h(versions[0].apiVersion)})` : "";
    return `<h2>Coverage${only}: ${o.exercised} of ${o.total} operations, ${p.exercised} of ${p.total} documented operation × status pairs</h2>
${wrap(renderTable(coverage, coverage.rows))}`;
  }
  const glance = versions.map((v) => `${h(v.apiVersion)}: ${v.operations.exercised}/${v.operations.total}`).join(" · ");
  const tables = versions.map((v) => versionSection(coverage, v)).join("\n");
  return `<h2>Coverage by API version: ${glance} operations</h2>
${wrap(tables)}`;
}

function versionSection(coverage: Coverage, version: VersionCoverage): string {
  const { apiVersion, operations: o, pairs: p } = version;
  const rows = coverage.rows.filter((r) => r.apiVersions.includes(apiVersion));
  return `<h3 id="coverage-${h(apiVersion)}" class="version">API ${h(apiVersion)}: ${o.exercised} of ${o.total} operations, ${p.exercised} of ${p.total} documented operation × status pairs (${p.percent}%)</h3>
${renderTable(coverage, rows, apiVersion)}`;
}

function wrap(tables: string): string {
  return `<section class="card matrix-wrap" id="coverage">
${tables}
<div class="legend">
  <span><i style="background:var(--pass-bg)"></i>exercised, passed (✓ steps)</span>
  <span><i style="background:var(--fail-bg)"></i>exercised, failed (✗ failed/steps)</span>
  <span><i style="background:var(--gap-bg)"></i>documented, not exercised (–)</span>
  <span><i style="outline:2px solid var(--undoc);outline-offset:-3px"></i>not documented by the spec, but observed</span>
  <span><i></i>not documented, not observed (·)</span>
</div>
</section>`;
}

function renderTable(coverage: Coverage, rows: readonly CoverageRow[], apiVersion?: string): string {
  // A version's table shows the statuses its operations document or the run observed, and the mock's statuses.
  const columns = coverage.statuses
    .map((status, index) => ({ status, index }))
    .filter(
      ({ status, index }) =>
        MOCK_STATUSES.includes(status) ||
        rows.some((r) => r.cells[index]?.documented === true || r.cells[index]?.exercised === true),
    );
  const head = columns.map((c) => `<th scope="col">${c.status}</th>`).join("");
  const body = rows
    .map((row) => {
      const op = `<th scope="row" class="op"><span class="method m-${h(row.method)}">${h(row.method)}</span><code>${h(row.path)}</code><span class="opid">${h(row.operationId)}</span></th>`;
      const cells = columns.map((c) => row.cells[c.index]).filter((c): c is CoverageCell => c !== undefined);
      return `<tr>${op}${cells.map((c) => renderCell(row.operationId, c)).join("")}</tr>`;
    })
    .join("\n");
  const label = apiVersion ? ` aria-label="Coverage of API ${h(apiVersion)}" data-api-version="${h(apiVersion)}"` : "";
  return `<table class="matrix"${label}>
<thead><tr><th scope="col" class="op">Operation</th>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function renderCell(operationId: string, cell: CoverageCell): string {
  const state = cellState(cell);
  if (state === "untested" && !cell.documented) return '<td class="c-none" title="not documented">·</td>';
  const undoc = cell.documented ? "" : " c-undoc";
  const title = `${operationId} ${cell.status}: ${describe(cell)}`;
  const text = state === "passed" ? `✓${cell.steps}` : state === "failed" ? `✗${cell.failedSteps}/${cell.steps}` : "–";
  return `<td class="c-${state}${undoc}" title="${h(title)}">${text}</td>`;
}

function describe(cell: CoverageCell): string {
  const where = cell.documented ? "documented" : "NOT documented";
  if (!cell.exercised) return `${where}, not exercised`;
  const outcome = cell.passed ? "all passed" : `${cell.failedSteps} failed or errored`;
  return `${where}; ${cell.steps} step(s), ${outcome}; tests: ${cell.tests.join(", ")}`;
}
