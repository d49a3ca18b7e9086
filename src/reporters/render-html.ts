// report.html: one self-contained page (inline CSS, no external assets); summary, coverage matrix, failures, tests.
import type { ConformanceReport } from "./conformance-report.js";
import { renderHtmlFailures } from "./html-failures.js";
import { renderHtmlCoverage } from "./html-matrix.js";
import { HTML_STYLES } from "./html-styles.js";
import { renderHtmlSummary } from "./html-summary.js";
import { renderHtmlTests } from "./html-tests.js";
import { escapeHtml as h } from "./text-format.js";

/** Optional: filter buttons for the test list. The page reads fully without it. */
const FILTER_SCRIPT = `document.querySelectorAll(".filters button").forEach(function (b) {
  b.addEventListener("click", function () {
    document.body.dataset.filter = b.dataset.filter;
    document.querySelectorAll(".filters button").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
  });
});`;

/** Run-level warnings (retries sooner than their Retry-After), above the failures; nothing when there are none. */
function renderWarnings(report: ConformanceReport): string {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return "";
  const items = warnings
    .map(
      (w) =>
        `<li><code>${h(w.code)}</code> ${h(w.message)}${w.test ? ` <span class="test">(${h(w.test)})</span>` : ""}</li>`,
    )
    .join("\n");
  return `<h2 id="warnings">Warnings (${warnings.length})</h2>\n<ul class="warnings card">\n${items}\n</ul>\n`;
}

export function renderHtml(report: ConformanceReport): string {
  const { metadata: m, summary: s } = report;
  const failing = s.failed + s.errored;
  const title = `hubkit ${m.apiVersion} · ${m.target.kind} · ${failing === 0 ? "passed" : `${failing} failing`}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${h(title)}</title>
<style>${HTML_STYLES}</style>
</head>
<body data-filter="all">
<main>
${renderHtmlSummary(report)}
${renderHtmlCoverage(report.coverage)}
${renderWarnings(report)}<h2 id="failures">Failures (${failing})</h2>
${renderHtmlFailures(report.tests)}
<h2 id="tests">All tests (${s.total})</h2>
${renderHtmlTests(report.tests)}
<footer>Rendered from conformance.json (schema version ${report.schemaVersion}). Secrets and tokens are redacted.</footer>
</main>
<script>${FILTER_SCRIPT}</script>
</body>
</html>
`;
}
