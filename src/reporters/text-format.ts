// Small text helpers every rendering shares: escaping for XML/HTML/Markdown and display of values, places, times.
import type { SourcePosition } from "../errors.js";
import type { StepResult, TestResult } from "../results/result.js";

/** Anything outside XML 1.0's Char production (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an XML attribute or element; line breaks survive attribute normalisation. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replaceAll("\n", "&#10;")
    .replaceAll("\r", "&#13;")
    .replaceAll("\t", "&#9;");
}

/** A CDATA section that stays one even when the text contains `]]>`. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(XML_INVALID, "\uFFFD").replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** One Markdown table cell: no line breaks, pipes escaped, HTML neutralised. */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replaceAll("|", "\\|").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Expected/actual values as a person reads them: strings as they are, anything else as indented JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "(nothing)";
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The steps a reader needs to see for a test that did not pass. */
export function problemSteps(test: TestResult): StepResult[] {
  return test.steps.filter((s) => s.outcome === "failed" || s.outcome === "errored");
}

/** The one-line reason of a failed or errored step. */
export function stepProblem(step: StepResult): string {
  if (step.outcome === "failed") return step.failure;
  if (step.outcome === "errored") return `${step.error.title}: ${step.error.message}`;
  if (step.outcome === "skipped") return step.reason;
  return "";
}

/** Tests that failed or errored, in report order. */
export function problemTests(tests: readonly TestResult[]): TestResult[] {
  return tests.filter((t) => t.outcome === "failed" || t.outcome === "errored");
}
