// `hubkit verify`: verifies consumers' pact files against the mock or a live endpoint (or, with --static, against the
// spec alone), prints one line per interaction, writes the conformance report, exits 0, 1 (failures) or 2 (usage).

import type { Command } from "commander";
import { redactConnectionString } from "../auth/index.js";
import { findPactFiles } from "../contracts/find-pact-files.js";
import {
  formatVerdict,
  formatVerdictHead,
  type InteractionVerdict,
  verdictToTest,
} from "../contracts/interaction-verdict.js";
import { openPactProvider, type ProviderChoice } from "../contracts/pact-provider.js";
import { createRunResult } from "../contracts/run-metadata.js";
import { checkStatically } from "../contracts/static-verdicts.js";
import { verifyPacts } from "../contracts/verify-pacts.js";
import { HubkitError } from "../errors.js";
import { createReporters, DEFAULT_OUT_DIR, parseReporterNames } from "../reporters/index.js";
import type { RunTarget } from "../runner/result.js";
import { loadSpec } from "../spec/index.js";
import { CONNECTION_STRING_ENV, collect, parseTarget } from "./options.js";

export interface VerifyFlags {
  target?: "mock" | "live";
  connectionString?: string;
  static?: boolean;
  reporter: string[];
  outDir: string;
  report: boolean;
}

/** Where the command writes and how it sets the exit code; injectable so tests run it in-process. */
export interface VerifyIo {
  stdout(text: string): void;
  setExitCode(code: number): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

const processIo = (): VerifyIo => ({
  stdout: (text) => process.stdout.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  env: process.env,
  cwd: process.cwd(),
});

export function registerVerifyCommand(program: Command, io: Partial<VerifyIo> = {}): Command {
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
      const full = { ...processIo(), ...io };
      full.setExitCode(await executeVerify(pacts, flags, full));
    });
}

/** Runs `hubkit verify` and returns its exit code; usage problems are thrown as HubkitError (exit 2 in main). */
export async function executeVerify(pacts: readonly string[], flags: VerifyFlags, io: VerifyIo): Promise<number> {
  const reporterNames = flags.report ? parseReporterNames(flags.reporter ?? ["json,junit,html,md"]) : [];
  const files = findPactFiles(pacts, io.cwd);
  const spec = loadSpec();
  const startedAt = new Date();
  const print = (verdict: InteractionVerdict) => io.stdout(`${formatVerdict(verdict)}\n`);
  let verdicts: InteractionVerdict[];
  let target: RunTarget;
  let secrets: string[] = [];
  if (flags.static) {
    if (flags.connectionString || flags.target) {
      throw new HubkitError("--static needs no provider: drop --target and --connection-string.", {
        code: "E_USAGE",
      });
    }
    io.stdout(`Checking ${files.length} pact file(s) against the spec (API ${spec.apiVersion})\n`);
    // Static mismatches can be several per interaction: one line each, under the interaction's line.
    verdicts = checkStatically(files, spec, (verdict) => {
      io.stdout(`${formatVerdictHead(verdict)}\n`);
      for (const reason of verdict.reasons) io.stdout(`    ${reason}\n`);
    });
    target = { kind: "mock", endpoint: "static check (no provider)" };
  } else {
    const choice = chooseProvider(flags, io.env);
    const opened = await openPactProvider(choice, spec);
    secrets = [opened.provider.accessKey];
    target = opened.target;
    io.stdout(`Verifying ${files.length} pact file(s) against the ${target.kind} at ${target.endpoint}\n`);
    try {
      verdicts = await verifyPacts({ pactFiles: files, provider: opened.provider, spec, onVerdict: print });
    } finally {
      await opened.close();
    }
  }
  const result = createRunResult({
    tests: verdicts.map((v) => verdictToTest(v, flags.static ? "static" : "pact")),
    target,
    apiVersion: spec.apiVersion,
    startedAt,
    finishedAt: new Date(),
    command: describeCommand(pacts, flags),
  });
  const reporters =
    reporterNames.length > 0 ? createReporters(reporterNames, { outDir: flags.outDir, secrets, spec }) : [];
  for (const reporter of reporters) await reporter.onRunEnd?.(result);
  const { passed, failed, errored, skipped } = result.summary;
  io.stdout(`${passed} passed, ${failed} failed, ${errored} errored, ${skipped} skipped\n`);
  if (reporters.length > 0) io.stdout(`Report written to ${flags.outDir}/\n`);
  return failed + errored > 0 ? 1 : 0;
}

function chooseProvider(flags: VerifyFlags, env: Readonly<Record<string, string | undefined>>): ProviderChoice {
  if (flags.target === "mock") {
    if (flags.connectionString) {
      throw new HubkitError("--target mock cannot be combined with --connection-string.", {
        code: "E_USAGE",
        hint: "Drop --target mock to verify against the endpoint of the connection string.",
      });
    }
    return { kind: "mock" };
  }
  const connectionString = flags.connectionString ?? env[CONNECTION_STRING_ENV];
  if (connectionString) return { kind: "connection-string", connectionString };
  if (flags.target === "live") {
    throw new HubkitError("--target live needs the provider's connection string.", {
      code: "E_USAGE",
      hint: `Pass --connection-string "Endpoint=...;AccessKey=...;Version=1.0;" or set ${CONNECTION_STRING_ENV}.`,
    });
  }
  return { kind: "mock" };
}

function describeCommand(pacts: readonly string[], flags: VerifyFlags): string {
  const parts = ["hubkit verify", ...pacts];
  if (flags.static) parts.push("--static");
  if (flags.target) parts.push(`--target ${flags.target}`);
  if (flags.connectionString) parts.push(`--connection-string "${redactConnectionString(flags.connectionString)}"`);
  return parts.join(" ");
}
