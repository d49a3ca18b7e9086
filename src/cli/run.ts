// `hubkit run`: loads suites, picks the target (embedded mock, or live via connection string), runs, writes the
// reports, and exits 0 (all passed), 1 (failures, or below --min-pass), 2 (usage error) or 3/4 (coverage gate).
// The options live here; the implementation (run-action.ts) is loaded only when the command runs.
import { Command, InvalidArgumentError } from "commander";
import { DEFAULT_OUT_DIR } from "../reporters/out-dir.js";
import { parseDuration } from "../suite/duration.js";
import { usageExitCode } from "./exit-code.js";
import { type CommandIo, commandIo } from "./io.js";
import { CONNECTION_STRING_ENV, collect, parsePort, parseTarget } from "./options.js";
import type { RunFlags } from "./run-flags.js";

/** Adds `run` to the `hubkit` program; the action reports its exit code to `io.setExitCode`. */
export function registerRunCommand(program: Command, io: Partial<CommandIo> = {}): Command {
  const out = commandIo(io);
  return program
    .command("run")
    .description("Run YAML conformance suites against the embedded mock (default) or a live Azure SignalR resource.")
    .argument("[paths...]", "suite files or folders (default: suites, or hubkit's bundled suites when there is none)")
    .option("--target <kind>", "mock (default) or live", parseTarget)
    .option("--connection-string <text>", `a live resource's connection string (or ${CONNECTION_STRING_ENV})`)
    .option("--endpoint <url>", "a live endpoint, with --access-key")
    .option("--access-key <key>", "the access key for --endpoint")
    .option("--secondary-access-key <key>", "the live resource's other access key, for `auth: secondary` steps")
    .option("--builtin", "also run hubkit's bundled conformance suites, next to your own")
    .option("--grep <pattern>", "only tests whose `suite › test` name contains this text, or matches /regex/")
    .option("--tag <tag>", "only tests with this tag (repeatable)", collect)
    .option("--skip-tag <tag>", "skip tests with this tag (repeatable)", collect)
    .option("--bail", "stop after the first failed test")
    .option("--concurrency <n>", "tests run in parallel, each with its own mock (default: 1)", parseConcurrency)
    .option("--timeout <duration>", "time limit per test, e.g. 30s (default: 30s)", parseTimeout)
    .option("--reporter <names>", "console, json, junit, html, md; comma-separated or repeated (default: all)", collect)
    .option(
      "--upstream-listen <port>",
      "start the runner's own upstream receiver on this port, for expectUpstream against a live resource",
      parsePort,
    )
    .option("--out-dir <dir>", `folder for the report files (default: ${DEFAULT_OUT_DIR})`)
    .option("--min-pass <percent>", "exit 1 below this pass rate of the tests that ran (default: 100)")
    .option(
      "--api-version <version>",
      "check against this API version's spec only (default: every version hubkit ships, as one; call steps send " +
        "2022-06-01 unless their suite declares apiVersion)",
    )
    .option("--min-coverage <percent>", "exit 3 below this share of documented operation x status pairs exercised")
    .option(
      "--shard <index/total>",
      "run one part of the tests, e.g. 2/4; merge the parts with `hubkit report --merge`",
    )
    .option("--durations <conformance.json>", "balance --shard by the test durations of a previous report")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  hubkit run suites/",
        "  hubkit run suites/groups.yaml --grep 'add user' --concurrency 4",
        '  hubkit run suites/ --connection-string "Endpoint=https://x.service.signalr.net;AccessKey=...;Version=1.0;"',
        "",
        "Reports: reports/conformance.json (the truth), junit.xml, report.html, summary.md (see reports/README.md).",
        "",
        "Exit codes: 0 all passed, 1 failures or errors (below --min-pass), 2 usage error (bad suite, flag or",
        "connection string), 3 coverage below --min-coverage, 4 both gates failed.",
      ].join("\n"),
    )
    .action(async (paths: string[], flags: RunFlags) => {
      const { executeRun } = await import("./run-action.js");
      out.setExitCode(await executeRun(paths, flags, out));
    });
}

/** `hubkit run <args>` as a function: parses the arguments after `run` and returns the exit code. */
export async function runCommand(args: readonly string[], io: Partial<CommandIo> = {}): Promise<number> {
  let code = 0;
  const full = commandIo({ ...io, setExitCode: (c) => (code = c) });
  const program = new Command("hubkit")
    .exitOverride()
    .configureOutput({ writeOut: (t) => full.stdout(t), writeErr: (t) => full.stderr(t) });
  registerRunCommand(program, full);
  try {
    await program.parseAsync(["run", ...args], { from: "user" });
  } catch (error) {
    const usage = usageExitCode(error, full.stderr);
    if (usage === undefined) throw error;
    return usage;
  }
  return code;
}

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError("expected a whole number from 1 to 64.");
  return n;
}

function parseTimeout(value: string): number {
  const ms = parseDuration(/^\d+$/.test(value) ? Number(value) : value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError("expected a duration such as 30s, 500ms or 2m.");
  return ms;
}
