// The `hubkit` command: builds the program, runs it, and turns usage errors into one message and exit code 2.
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { exitQuietlyOnBrokenPipe } from "./broken-pipe.js";
import { registerDiffCommand } from "./diff.js";
import { usageExitCode } from "./exit-code.js";
import { registerMockCommand } from "./mock.js";
import { registerProxyCommand } from "./proxy.js";
import { registerReportCommand } from "./report.js";
import { registerRunCommand } from "./run.js";
import { registerTokenCommand } from "./token.js";
import { registerVerifyCommand } from "./verify.js";

function readVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

export function createProgram(): Command {
  const program = new Command("hubkit")
    .description(
      "Contract tests, conformance suites and a stateful mock for the Azure SignalR Service data-plane REST API " +
        "2022-06-01.\n\nStart with `hubkit mock` (a local service your app can talk to instead of Azure)\n" +
        "or `hubkit run` (the conformance suites in suites/, against the mock or a live resource).",
    )
    .version(readVersion(), "-v, --version", "print hubkit's version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  registerMockCommand(program);
  registerRunCommand(program);
  registerReportCommand(program);
  registerDiffCommand(program);
  registerVerifyCommand(program);
  registerProxyCommand(program);
  registerTokenCommand(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await createProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = exitCodeOf(error);
  }
}

function exitCodeOf(error: unknown): number {
  const usage = usageExitCode(error, (text) => process.stderr.write(text));
  if (usage !== undefined) return usage;
  process.stderr.write(
    `hubkit: unexpected error (a bug in hubkit): ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return 1;
}

exitQuietlyOnBrokenPipe();
await main(process.argv);
