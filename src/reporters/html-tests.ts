// report.html: every test in a table grouped by suite, with outcome filters that work without JavaScript too.
import type { TestResult } from "../results/result.js";
import { anchor } from "./html-failures.js";
import { formatDuration, formatPosition, escapeHtml as h, problemSteps, stepProblem } from "./text-format.js";

export function renderHtmlTests(tests: readonly TestResult[]): string {
  const rows = tests.map(renderRow).join("\n");
  return `<div class="filters" role="group" aria-label="Show">
  <button type="button" data-filter="all" aria-pressed="true">All (${tests.length})</button>
  <button type="button" data-filter="failed" aria-pressed="false">Failed or errored (${count(tests, "failed") + count(tests, "errored")})</button>
  <button type="button" data-filter="skipped" aria-pressed="false">Skipped (${count(tests, "skipped")})</button>
  <button type="button" data-filter="passed" aria-pressed="false">Passed (${count(tests, "passed")})</button>
</div>
<div class="card"><table class="tests">
<thead><tr><th class="c-outcome">Outcome</th><th class="c-suite">Suite</th><th class="c-name">Test</th><th class="c-where">Where</th><th>Note</th><th class="c-time">Time</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}

function renderRow(test: TestResult): string {
  const name =
    test.outcome === "failed" || test.outcome === "errored"
      ? `<a href="#${h(anchor(test.id))}">${h(test.name)}</a>`
      : h(test.name);
  return `<tr class="t t-${test.outcome}"><td><span class="badge b-${test.outcome}">${test.outcome}</span></td><td>${h(test.suite)}</td><td>${name}</td><td><code class="muted">${h(formatPosition(test.position))}</code></td><td class="note">${h(note(test))}</td><td class="num">${h(formatDuration(test.durationMs))}</td></tr>`;
}

function note(test: TestResult): string {
  if (test.outcome === "skipped") return test.skipReason ?? "";
  const step = problemSteps(test)[0];
  return step ? stepProblem(step) : "";
}

function count(tests: readonly TestResult[], outcome: TestResult["outcome"]): number {
  return tests.filter((t) => t.outcome === outcome).length;
}
