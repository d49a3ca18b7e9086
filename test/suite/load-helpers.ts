// Helpers for loader tests: load suite text with the runner's step registry and render problems as one line each.
import { formatHubkitError } from "../../src/errors.js";
import { stepKinds } from "../../src/runner/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { type LoadedSuite, loadSuiteText } from "../../src/suite/index.js";

export const spec = loadSpec();

export function load(text: string, env: Record<string, string> = {}) {
  return loadSuiteText("suite.yaml", text, { steps: stepKinds, spec, env });
}

/** `suite.yaml:3:5: message [CODE]` lines (hints left out; tests about hints read them directly). */
export function problems(text: string, env: Record<string, string> = {}): string[] {
  return load(text, env).problems.map((p) => formatHubkitError(p).split("\n")[0]!);
}

export function loaded(text: string, env: Record<string, string> = {}): LoadedSuite {
  const result = load(text, env);
  if (!result.suite)
    throw new Error(`expected no problems, got:\n${result.problems.map(formatHubkitError).join("\n")}`);
  return result.suite;
}

/** Builds a suite with one test whose steps are the given YAML lines (indented for you). */
export function oneTest(steps: string, head = ""): string {
  const body = steps
    .trim()
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
  return `name: s\n${head}tests:\n  - name: t\n    steps:\n${body}\n`;
}
