// report.html: the coverage matrix, operations x statuses, coloured by what the run exercised and whether it passed.
import { type Coverage, type CoverageCell, cellState } from "./conformance-report.js";
import { escapeHtml as h } from "./text-format.js";

export function renderHtmlMatrix(coverage: Coverage): string {
  const head = coverage.statuses.map((s) => `<th scope="col">${s}</th>`).join("");
  const rows = coverage.rows
    .map((row) => {
      const op = `<th scope="row" class="op"><span class="method m-${h(row.method)}">${h(row.method)}</span><code>${h(row.path)}</code><span class="opid">${h(row.operationId)}</span></th>`;
      return `<tr>${op}${row.cells.map((c) => renderCell(row.operationId, c)).join("")}</tr>`;
    })
    .join("\n");
  return `<section class="card matrix-wrap" id="coverage">
<table class="matrix">
<thead><tr><th scope="col" class="op">Operation</th>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<div class="legend">
  <span><i style="background:var(--pass-bg)"></i>exercised, passed (✓ steps)</span>
  <span><i style="background:var(--fail-bg)"></i>exercised, failed (✗ failed/steps)</span>
  <span><i style="background:var(--gap-bg)"></i>documented, not exercised (–)</span>
  <span><i style="outline:2px solid var(--undoc);outline-offset:-3px"></i>not documented by the spec, but observed</span>
  <span><i></i>not documented, not observed (·)</span>
</div>
</section>`;
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
