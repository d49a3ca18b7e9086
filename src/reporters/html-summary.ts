// report.html, first screen: the run's verdict, where it ran, and the test and coverage figures.
import type { ConformanceReport } from "./conformance-report.js";
import { formatDuration, escapeHtml as h } from "./text-format.js";

export function renderHtmlSummary(report: ConformanceReport): string {
  const { metadata: m, summary: s } = report;
  const ok = s.failed + s.errored === 0 && s.executed > 0;
  const verdict = ok ? '<span class="verdict ok">PASSED</span>' : '<span class="verdict bad">FAILED</span>';
  return `<header class="run card">
  <h1>hubkit conformance report ${verdict}${jump(s.failed + s.errored)}</h1>
  <div class="meta">
    <span>Target <b>${h(m.target.description ?? m.target.kind)}</b> <code>${h(m.target.endpoint)}</code></span>
    <span>API <b>${h(apiVersions(report))}</b></span>
    <span>hubkit <b>${h(m.hubkitVersion)}</b></span>
    <span>Started <b>${h(m.startedAt)}</b></span>
    <span>Finished <b>${h(m.finishedAt)}</b></span>
    <span>Duration <b>${h(formatDuration(s.durationMs))}</b></span>
    <span>Run <code>${h(m.runId)}</code></span>
  </div>
</header>
<section class="figures" aria-label="Summary">
  ${figure("tests", s.total, "Tests")}
  ${figure("passed", s.passed, "Passed")}
  ${figure("failed", s.failed, "Failed")}
  ${figure("errored", s.errored, "Errored")}
  ${figure("skipped", s.skipped, "Skipped")}
  ${percentFigure(`${s.passRate}%`, "Pass rate", s.passRate, `${s.passed} of ${s.executed} that ran`)}
  ${coverageFigures(report)}
</section>`;
}

/** The versions the coverage spans (a union run: both), else the run's api-version. */
function apiVersions(report: ConformanceReport): string {
  const { versions } = report.coverage;
  return versions.length > 1 ? versions.map((v) => v.apiVersion).join(" + ") : report.metadata.apiVersion;
}

function jump(failing: number): string {
  return failing === 0
    ? ""
    : ` <a class="jump" href="#failures">${failing} failing test${failing === 1 ? "" : "s"} ↓</a>`;
}

function figure(kind: string, n: number, label: string): string {
  const zero = n === 0 && kind !== "tests" ? " zero" : "";
  return `<div class="figure card ${kind}${zero}"><div class="n">${n}</div><div class="label">${label}</div></div>`;
}

function percentFigure(value: string, label: string, percent: number, title: string): string {
  return `<div class="figure card" title="${h(title)}"><div class="n">${h(value)}</div><div class="label">${h(label)}</div><div class="bar"><span style="width:${percent}%"></span></div></div>`;
}

function coverageFigures(report: ConformanceReport): string {
  const { operations: o, pairs: p, versions } = report.coverage;
  // Several versions: one operations figure each ("2024-12-01: 24/26"), so the split is visible at a glance.
  const operations =
    versions.length > 1
      ? versions.map((v) =>
          percentFigure(
            `${v.operations.exercised}/${v.operations.total}`,
            `Operations ${v.apiVersion}`,
            v.operations.percent,
            `API ${v.apiVersion}: ${v.operations.percent}% of its operations exercised, ${v.pairs.exercised} of ${v.pairs.total} documented pairs`,
          ),
        )
      : [percentFigure(`${o.exercised}/${o.total}`, "Operations", o.percent, `${o.percent}% of operations exercised`)];
  return [
    ...operations,
    percentFigure(`${p.exercised}/${p.total}`, "Op × status", p.percent, `${p.percent}% of documented pairs exercised`),
  ].join("\n  ");
}
