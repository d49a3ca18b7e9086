// A failed or errored step as plain text (JUnit bodies, console output): what, where, expected/actual, the exchange.
import type { CheckResult, HttpExchange, StepResult } from "../results/result.js";
import { formatPosition, formatValue, stepProblem } from "./text-format.js";

export function describeStepProblem(step: StepResult): string {
  const lines = [`${step.title} (${formatPosition(step.position)})`, `  ${stepProblem(step)}`];
  if (step.outcome === "errored" && step.error.hint) lines.push(`  hint: ${step.error.hint}`);
  for (const check of step.checks.filter((c) => c.outcome === "failed")) lines.push(...describeCheck(check));
  for (const violation of step.schemaViolations ?? []) lines.push(`  schema: ${violation}`);
  if (step.exchange) lines.push("", ...describeExchange(step.exchange).map((l) => `  ${l}`));
  return lines.join("\n");
}

function describeCheck(check: CheckResult): string[] {
  const where = check.position ? ` (${formatPosition(check.position)})` : "";
  const lines = [`  ✗ ${check.title}${where}`];
  if ("expected" in check) lines.push(`    expected: ${indent(formatValue(check.expected), "      ")}`);
  if ("actual" in check) lines.push(`    actual:   ${indent(formatValue(check.actual), "      ")}`);
  return lines;
}

export function describeExchange(exchange: HttpExchange): string[] {
  const { request, response } = exchange;
  const lines = [`> ${request.method} ${request.url}`, ...headerLines(">", request.headers)];
  if (request.body) lines.push(">", ...request.body.split("\n").map((l) => `> ${l}`));
  if (!response) return [...lines, "< (no response)"];
  lines.push(`< ${response.status}`, ...headerLines("<", response.headers));
  if (response.body) lines.push("<", ...response.body.split("\n").map((l) => `< ${l}`));
  return lines;
}

function headerLines(prefix: string, headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => `${prefix} ${name}: ${value}`);
}

function indent(text: string, pad: string): string {
  return text.split("\n").join(`\n${pad}`);
}
