// `hubkit verify`: verifies consumers' pact files against the mock or a live endpoint (or, with --static, against the
// spec alone), prints one line per interaction, writes the conformance report, exits 0, 1 (failures) or 2 (usage).
// The options live here; the implementation (verify-action.ts) is loaded only when the command runs.
import type { Command } from "commander";
import { DEFAULT_OUT_DIR } from "../reporters/out-dir.js";
import { type CommandIo, commandIo } from "./io.js";
import { CONNECTION_STRING_ENV, collect, parseTarget } from "./options.js";

export interface VerifyFlags {
  target?: "mock" | "live";
  connectionString?: string;
  static?: boolean;
  reporter: string[];
  outDir: string;
  report: boolean;
}

export function registerVerifyCommand(program: Command, io: Partial<CommandIo> = {}): Command {
  const out = commandIo(io);
  return program
    .command("verify")
    .description(
      "Verify consumers' Pact files against the stateful mock (default), a live endpoint or a running hubkit mock " +
        "(--connection-string), or check them against the OpenAPI document alone (--static).",
    )
    .argument("[pacts...]", "pact files or folders (default: contracts)")
    .option("--target <kind>", "mock (default) or live", parseTarget)
    .option("--connection-string <text>", `the provider's connection string (or ${CONNECTION_STRING_ENV})`)
    .option("--static", "no provider: check each interaction against the spec (operation, parameters, status, body)")
    .option("--reporter <names>", "report files, comma-separated: json, junit, html, md", collect)
    .option("--out-dir <dir>", "folder for the report files", DEFAULT_OUT_DIR)
    .option("--no-report", "write no report files")
    .addHelpText(
      "after",
      [
        "",
        "Provider states: hubkit realises these (Pact V3 params): connection exists {hub, connectionId, userId?,",
        "application?}, connection in group {hub, group, connectionId, ...}, user in group {hub, group, userId, ttl?},",
        "user connected {hub, userId, connectionId?}, hub is empty {hub}. Every request gets a fresh valid token.",
        "",
        "Examples:",
        "  hubkit verify contracts/",
        "  hubkit verify contracts/example-notifier.json --static",
        '  hubkit verify contracts/ --connection-string "Endpoint=http://localhost;Port=8888;AccessKey=...;Version=1.0;"',
        "",
        "Exit codes: 0 all passed (skips allowed), 1 failures or errors, 2 usage error.",
      ].join("\n"),
    )
    .action(async (pacts: string[], flags: VerifyFlags) => {
      const { executeVerify } = await import("./verify-action.js");
      out.setExitCode(await executeVerify(pacts, flags, out));
    });
}
