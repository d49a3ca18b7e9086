// How every hubkit command turns a usage problem into one message and an exit code.
import { CommanderError } from "commander";
import { formatHubkitError, HubkitError, HubkitErrorList } from "../errors.js";

/** Bad flags, suites, state files, connection strings: the user can fix it. */
export const EXIT_USAGE = 2;

/**
 * The exit code for a commander error (commander printed its own message, or the help) or a usage error (printed
 * here with its file positions); undefined for anything else, which is a bug for the caller to report.
 */
export function usageExitCode(error: unknown, writeErr: (text: string) => void): number | undefined {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
  if (!(error instanceof HubkitError)) return undefined;
  const summary = error instanceof HubkitErrorList ? `${error.message}:\n` : "";
  writeErr(`hubkit: ${summary}${formatHubkitError(error)}\n`);
  return EXIT_USAGE;
}
