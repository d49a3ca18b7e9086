// report.html: each failed or errored test with its steps, expected/actual diffs, schema violations and the exchange.
import type { CheckResult, HttpExchange, StepResult, TestResult } from "../results/result.js";
import { diffLines } from "./diff-lines.js";
import {
  formatPosition,
  formatValue,
  escapeHtml as h,
  problemSteps,
  problemTests,
  stepProblem,
} from "./text-format.js";

export function renderHtmlFailures(tests: readonly TestResult[]): string {
  const failing = problemTests(tests);
  if (failing.length === 0) return '<p class="muted">No failures.</p>';
  return failing.map(renderFailingTest).join("\n");
}

function renderFailingTest(test: TestResult): string {
  return `<article class="failure card ${test.outcome}" id="${h(anchor(test.id))}">
<header><span class="badge b-${test.outcome}">${test.outcome}</span><h3>${h(test.id)}</h3><code class="muted">${h(formatPosition(test.position))}</code></header>
${problemSteps(test).map(renderStep).join("\n")}
</article>`;
}

function renderStep(step: StepResult): string {
  const hint = step.outcome === "errored" && step.error.hint ? `<p class="hint">Hint: ${h(step.error.hint)}</p>` : "";
  const checks = step.checks
    .filter((c) => c.outcome === "failed")
    .map(renderCheck)
    .join("\n");
  const violations = step.schemaViolations?.length
    ? `<p class="violations-title">Response schema violations:</p><ul class="violations">${step.schemaViolations.map((v) => `<li><code>${h(v)}</code></li>`).join("")}</ul>`
    : "";
  const exchange = step.exchange ? renderExchange(step.exchange) : "";
  return `<div class="step">
<div><span class="badge b-${step.outcome}">${h(step.kind)}</span> ${h(step.title)} <code class="muted">${h(formatPosition(step.position))}</code></div>
<p class="problem">${h(stepProblem(step))}</p>${hint}
${checks}${violations}${exchange}
</div>`;
}

function renderCheck(check: CheckResult): string {
  const where = check.position ? ` <code class="muted">${h(formatPosition(check.position))}</code>` : "";
  const title = `<div>✗ ${h(check.title)}${where}</div>`;
  if (!("expected" in check) && !("actual" in check)) return `<div class="check">${title}</div>`;
  const expected = formatValue(check.expected);
  const actual = formatValue(check.actual);
  if (isShort(expected) && isShort(actual)) {
    const values = `<div class="inline-values">expected <code class="exp">${h(expected)}</code> actual <code class="act">${h(actual)}</code></div>`;
    return `<div class="check">${title}${values}</div>`;
  }
  const lines = diffLines(expected, actual)
    .map((line) => `<div class="${line.kind}">${h(line.text)}</div>`)
    .join("");
  return `<div class="check">${title}<div class="diff-legend">− expected  + actual</div><div class="diff mono">${lines}</div></div>`;
}

/** One-line values read better side by side than as a two-line diff. */
function isShort(text: string): boolean {
  return !text.includes("\n") && text.length <= 60;
}

function renderExchange(exchange: HttpExchange): string {
  const { request, response } = exchange;
  const req = [
    `${request.method} ${request.url}`,
    ...headers(request.headers),
    ...(request.body ? ["", request.body] : []),
  ];
  const res = response
    ? [`${response.status}`, ...headers(response.headers), ...(response.body ? ["", response.body] : [])]
    : ["(no response)"];
  return `<div class="exchange">
<div><h4>Request</h4><pre>${h(req.join("\n"))}</pre></div>
<div><h4>Response · ${Math.round(exchange.durationMs)} ms</h4><pre>${h(res.join("\n"))}</pre></div>
</div>`;
}

function headers(values: Record<string, string>): string[] {
  return Object.entries(values).map(([name, value]) => `${name}: ${value}`);
}

/** A stable fragment id for a test, so links from the test list land on its failure. */
export function anchor(testId: string): string {
  // The hash keeps two ids that slug alike (`a › b` and `a b`) apart.
  let hash = 5381;
  for (const char of testId) hash = ((hash * 33) ^ char.codePointAt(0)!) >>> 0;
  return `t-${testId.replace(/[^A-Za-z0-9_-]+/g, "-")}-${hash.toString(36)}`;
}
