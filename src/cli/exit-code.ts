// How every hubkit command turns a usage problem or a run's gates into one message and an exit code.
import { CommanderError } from "commander";
import { formatHubkitError, HubkitError, HubkitErrorList } from "../errors.js";
import { EXIT_CODES } from "../exit-codes.js";
import type { ConformanceReport } from "../reporters/conformance-report.js";
// The gates module alone: main imports this file, and must not load the reporters before a command runs.
import { evaluateGates, type GateOptions } from "../reporters/gates.js";

export { EXIT_CODES } from "../exit-codes.js";

/** Bad flags, suites, state files, connection strings: the user can fix it. */
export const EXIT_USAGE = EXIT_CODES.usage;

/**
 * The exit code for a commander error (commander printed its own message, or the help) or a usage error (printed
 * here with its file positions and hint); undefined for anything else, which is a bug for the caller to report.
 */
export function usageExitCode(error: unknown, writeErr: (text: string) => void): number | undefined {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  if (!(error instanceof HubkitError)) return undefined;
  const summary = error instanceof HubkitErrorList ? `${error.message}:\n` : "";
  writeErr(`hubkit: ${summary}${formatHubkitError(error)}\n`);
  return error.exitCode;
}

/** `usageExitCode`, rethrowing what is not a usage error: the `catch` of a command that resolves with its code. */
export function usageExitCodeOrThrow(error: unknown, writeErr: (text: string) => void): number {
  const usage = usageExitCode(error, writeErr);
  if (usage === undefined) throw error;
  return usage;
}

/** Applies the CI gates to a finished run's report, prints one line per gate and returns the gates' exit code. */
export function exitCodeOfGates(
  report: ConformanceReport,
  gates: GateOptions,
  io: { stdout: (text: string) => void },
): number {
  const gate = evaluateGates(report, gates);
  io.stdout(`${gate.messages.join("\n")}\n`);
  return gate.exitCode;
}
