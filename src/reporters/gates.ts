// The CI gate: --min-pass and --min-coverage turn a report into an exit code that says which gate failed.
import { HubkitError } from "../errors.js";
import { EXIT_CODES, type ExitCode } from "../exit-codes.js";
import type { ConformanceReport } from "./conformance-report.js";

/** The one exit-code table (src/exit-codes.ts, documented in docs/errors.md), re-exported for the gates' callers. */
export { EXIT_CODES } from "../exit-codes.js";

export interface GateOptions {
  /** Minimum percent of the tests that ran (not skipped) that must pass. Default 100. */
  minPass?: number;
  /** Minimum percent of documented operation x status pairs exercised. No gate when absent. */
  minCoverage?: number;
}

export interface GateResult {
  exitCode: ExitCode;
  /** One line per gate, pass or fail, for the console and CI logs. */
  messages: string[];
}

export const E_GATE = "E_GATE";

export function evaluateGates(report: ConformanceReport, options: GateOptions = {}): GateResult {
  const minPass = checkPercent("--min-pass", options.minPass ?? 100);
  const { passed, executed, skipped } = report.summary;
  // Exact comparison on counts: a rounded 99.96% must not pass a 100% gate.
  const passOk = executed > 0 && passed * 100 >= minPass * executed;
  const messages = [
    executed === 0
      ? `✗ pass gate: no test ran (${skipped} skipped); --min-pass needs at least one test`
      : `${passOk ? "✓" : "✗"} pass gate: ${report.summary.passRate}% passed (${passed} of ${executed} that ran) ${passOk ? "meets" : "is below"} --min-pass ${minPass}%`,
  ];
  let coverageOk = true;
  if (options.minCoverage !== undefined) {
    const minCoverage = checkPercent("--min-coverage", options.minCoverage);
    const { exercised, total, percent } = report.coverage.pairs;
    coverageOk = exercised * 100 >= minCoverage * total;
    messages.push(
      `${coverageOk ? "✓" : "✗"} coverage gate: ${percent}% of documented operation × status pairs exercised (${exercised} of ${total}) ${coverageOk ? "meets" : "is below"} --min-coverage ${minCoverage}%`,
    );
  }
  const exitCode = passOk
    ? coverageOk
      ? EXIT_CODES.ok
      : EXIT_CODES.coverageGate
    : coverageOk
      ? EXIT_CODES.passGate
      : EXIT_CODES.bothGates;
  return { exitCode, messages };
}

/** Parses a gate flag's value (`95`, `99.5`, `100%`), with a usage error naming the flag. */
export function parsePercent(flag: string, raw: string): number {
  const text = raw.trim().replace(/%$/, "");
  const value = text === "" ? Number.NaN : Number(text);
  return checkPercent(flag, value, raw);
}

function checkPercent(flag: string, value: number, raw: unknown = value): number {
  if (Number.isFinite(value) && value >= 0 && value <= 100) return value;
  throw new HubkitError(`${flag} expects a percentage from 0 to 100, found ${JSON.stringify(raw)}`, {
    code: E_GATE,
    hint: `for example ${flag} 95`,
  });
}
