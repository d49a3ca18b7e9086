// The `hubkit` program: registers every command (each loads its implementation only when it runs), runs it against
// a CliIo, and turns usage errors into one message and exit code 2.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { exitQuietlyOnBrokenPipe, isBrokenPipe } from "./broken-pipe.js";
import { registerDiffCommand } from "./diff.js";
import { EXIT_CODES, usageExitCode } from "./exit-code.js";
import { registerInitCommand } from "./init.js";
import { type CliIo, type CommandIo, commandIo, processIo } from "./io.js";
import { registerMockCommand } from "./mock.js";
import { registerProxyCommand } from "./proxy.js";
import { registerReportCommand } from "./report.js";
import { registerRunCommand } from "./run.js";
import { registerTokenCommand } from "./token.js";
import { registerUpstreamTestCommand } from "./upstream-test.js";
import { registerVerifyCommand } from "./verify.js";

export type { CliIo } from "./io.js";

/** hubkit's own version; dist/cli and src/cli sit at the same depth under the package root. */
export function readVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * The program with every command. Commands write through `io` and report their exit code to `setExitCode`
 * (default: `process.exitCode`); parse errors throw (exitOverride), see `runCli`.
 */
export function createProgram(io: CliIo = processIo(), setExitCode?: (code: number) => void): Command {
  const out: CommandIo = commandIo({ ...io, ...(setExitCode ? { setExitCode } : {}) });
  const program = new Command("hubkit")
    .description(
      "Contract tests, conformance suites and a stateful mock for the Azure SignalR Service data-plane REST API " +
        "2022-06-01 and the 2024-12-01 operations.\n\nStart with `hubkit mock` (a local service your app can talk to instead of Azure)\n" +
        "or `hubkit run` (the conformance suites in suites/, or hubkit's own, against the mock or a live resource).\n" +
        "New project? `hubkit init` scaffolds an example suite, a mock state and a CI workflow.",
    )
    .version(readVersion(), "-v, --version", "print hubkit's version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    // Subcommands copy the output settings and exitOverride when created, so both come before the commands.
    .exitOverride();
  registerMockCommand(program, out);
  registerRunCommand(program, out);
  registerReportCommand(program, out);
  registerDiffCommand(program, out);
  registerVerifyCommand(program, out);
  registerProxyCommand(program, out);
  registerTokenCommand(program, out);
  registerInitCommand(program, out);
  registerUpstreamTestCommand(program, out);
  return program;
}

/** `hubkit <args>` in-process: resolves to the exit code; never exits the process. `args` excludes node and script. */
export async function runCli(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT_CODES.ok;
  try {
    await createProgram(io, (c) => {
      code = c;
    }).parseAsync([...args], { from: "user" });
    return code;
  } catch (error) {
    // The reader of our output went away (an in-process writer passing on EPIPE): it asked for no more, so the
    // run ends quietly with the code decided so far, as the binary does (see `main`).
    if (isBrokenPipe(error)) return code;
    return exitCodeOf(error, io);
  }
}

/** The `hubkit` binary: runs process.argv and sets process.exitCode. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // `hubkit run --help | head -1`: a closed stdout/stderr pipe ends the process quietly, never with an EPIPE stack.
  exitQuietlyOnBrokenPipe();
  process.exitCode = await runCli(argv.slice(2));
  // The command is done; a handle a library left open (a socket in linger, a child's pipe) must not keep the shell
  // waiting. Unref'd: a process with nothing left exits at once, as before.
  setTimeout(() => process.exit(), 2000).unref();
}

function exitCodeOf(error: unknown, io: CliIo): number {
  const usage = usageExitCode(error, io.stderr);
  if (usage !== undefined) return usage;
  io.stderr(`hubkit: unexpected error (a bug in hubkit): ${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT_CODES.unexpected;
}
