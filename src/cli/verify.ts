// `hubkit verify`: verifies consumers' pact files against the mock or a live endpoint (or, with --static, against the
// spec alone), prints one line per interaction, writes the conformance report, exits 0, 1 (failures) or 2 (usage).
// The options live here; the implementation (verify-action.ts) is loaded only when the command runs.

import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_OUT_DIR } from "../reporters/out-dir.js";
import { type CommandIo, commandIo } from "./io.js";
import { CONNECTION_STRING_ENV, collect, parseApiVersion, parseTarget } from "./options.js";
import type { VerifyFlags } from "./verify-flags.js";

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
    .option(
      "--api-version <version>",
      "check against this API version's spec only (default: every version hubkit ships, as one, like the mock " +
        "serves them)",
      parseApiVersion,
    )
    .option("--reporter <names>", "report files, comma-separated: json, junit, html, md", collect)
    .option("--out-dir <dir>", "folder for the report files", DEFAULT_OUT_DIR)
    .option("--no-report", "write no report files")
    .option("--broker-url <url>", "read the pacts from this Pact Broker (or PACT_BROKER_BASE_URL) instead of files")
    .option("--broker-token <token>", "the broker's bearer token (or PACT_BROKER_TOKEN)")
    .option("--broker-username <name>", "basic auth user (or PACT_BROKER_USERNAME)")
    .option("--broker-password <password>", "basic auth password (or PACT_BROKER_PASSWORD)")
    .option("--provider-name <name>", "the provider's name in the broker", "azure-signalr-rest")
    .option(
      "--consumer-version-selectors <json>",
      'which consumer versions to verify, as JSON, e.g. \'[{"mainBranch":true},{"deployedOrReleased":true}]\'',
      parseSelectors,
    )
    .option("--provider-version <version>", "the provider version the results are published for (e.g. the git sha)")
    .option("--publish", "publish the verification results to the broker (needs --provider-version)")
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
        "  hubkit verify --broker-url https://broker.example.com --provider-version $GIT_SHA --publish",
        "",
        "Exit codes: 0 all passed (skips allowed), 1 failures or errors, 2 usage error, or the broker could not",
        "be read (unreachable, refused the credentials, or has no pacts for the provider).",
      ].join("\n"),
    )
    .action(async (pacts: string[], flags: VerifyFlags) => {
      const { executeVerify } = await import("./verify-action.js");
      out.setExitCode(await executeVerify(pacts, flags, out));
    });
}

function parseSelectors(value: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidArgumentError(`expected JSON, e.g. '[{"mainBranch":true}]', found '${value}'.`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0 || !list.every((s) => s !== null && typeof s === "object" && !Array.isArray(s))) {
    throw new InvalidArgumentError('expected a selector object or an array of them, e.g. [{"mainBranch":true}].');
  }
  return list;
}
