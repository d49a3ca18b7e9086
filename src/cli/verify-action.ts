// What `hubkit verify` does once parsed: finds the pact files, opens the provider (mock, live, or none with --static),
// verifies, writes the report; resolves with the exit code.
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { redactConnectionString } from "../auth/index.js";
import { findPactFiles } from "../contracts/find-pact-files.js";
import {
  formatVerdict,
  formatVerdictHead,
  type InteractionVerdict,
  verdictToTest,
} from "../contracts/interaction-verdict.js";
import { type BrokerOptions, fetchBrokerPacts, publishVerificationResults } from "../contracts/pact-broker.js";
import { openPactProvider, type ProviderChoice } from "../contracts/pact-provider.js";
import { checkStatically } from "../contracts/static-verdicts.js";
import { verifyPacts } from "../contracts/verify-pacts.js";
import { HubkitError } from "../errors.js";
import { outcomeExitCode } from "../exit-codes.js";
import { createReporters, parseReporterNames } from "../reporters/index.js";
import { createRunResult } from "../results/create-run-result.js";
import type { RunResult, RunTarget } from "../results/result.js";
import { HUBKIT_VERSION } from "../results/version.js";
import { loadServedSpec } from "../spec/index.js";
import { escapeTerminalLine } from "../terminal-text.js";
import { type CommandIo, pathIn } from "./io.js";
import { CONNECTION_STRING_ENV } from "./options.js";
import type { VerifyFlags } from "./verify-flags.js";

/** Runs `hubkit verify` and returns its exit code; usage problems are thrown as HubkitError (exit 2 in main). */
export async function executeVerify(
  pacts: readonly string[],
  flags: VerifyFlags,
  io: CommandIo,
  onResult?: (result: RunResult) => void,
): Promise<number> {
  const reporterNames = flags.report ? parseReporterNames(flags.reporter ?? ["json,junit,html,md"]) : [];
  const broker = brokerOptions(pacts, flags, io.env);
  const brokerPacts = broker ? await fetchBrokerPacts(broker) : undefined;
  if (brokerPacts) io.stdout(`Read ${brokerPacts.length} pact(s) from the Pact Broker at ${broker!.url}\n`);
  const files = brokerPacts ? brokerPacts.map((p) => p.file) : findPactFiles(pacts, io.cwd);
  // The union of the shipped versions unless one is chosen: interactions on newer operations are checked against
  // their own schemas, as the mock serves them.
  const spec = loadServedSpec(flags.apiVersion);
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
    io.stdout(
      `Checking ${files.length} pact file(s) against the spec (API ${spec.versions.join(") and the spec (API ")})\n`,
    );
    // Static mismatches can be several per interaction: one line each, under the interaction's line.
    verdicts = checkStatically(files, spec, (verdict) => {
      io.stdout(`${formatVerdictHead(verdict)}\n`);
      for (const reason of verdict.reasons) io.stdout(`    ${escapeTerminalLine(reason)}\n`);
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
    reporterNames.length > 0 ? createReporters(reporterNames, { outDir: pathIn(io, flags.outDir), secrets, spec }) : [];
  for (const reporter of reporters) await reporter.onRunEnd?.(result);
  if (broker && brokerPacts && flags.publish) {
    const results = brokerPacts.map((pact) => ({
      pact,
      success: verdicts.every((v) => v.pact.file !== pact.file || v.outcome === "passed" || v.outcome === "skipped"),
    }));
    const count = await publishVerificationResults(broker, results, {
      providerVersion: flags.providerVersion!,
      hubkitVersion: HUBKIT_VERSION,
    });
    io.stdout(
      `Published ${count} verification result(s) for provider version ${flags.providerVersion} to the broker\n`,
    );
  }
  if (brokerPacts?.[0]) rmSync(dirname(brokerPacts[0].file), { recursive: true, force: true });
  onResult?.(result);
  const { passed, failed, errored, skipped } = result.summary;
  io.stdout(`${passed} passed, ${failed} failed, ${errored} errored, ${skipped} skipped\n`);
  if (reporters.length > 0) io.stdout(`Report written to ${flags.outDir}/\n`);
  return outcomeExitCode(result.summary);
}

/** The broker to read pacts from (flags, then the usual PACT_BROKER_* variables), or undefined for pact files. */
function brokerOptions(
  pacts: readonly string[],
  flags: VerifyFlags,
  env: Readonly<Record<string, string | undefined>>,
): BrokerOptions | undefined {
  const url = flags.brokerUrl ?? env.PACT_BROKER_BASE_URL;
  if (!url) {
    if (flags.publish || flags.consumerVersionSelectors) {
      throw new HubkitError("--publish and --consumer-version-selectors need a Pact Broker.", {
        code: "E_USAGE",
        hint: "Give --broker-url (or set PACT_BROKER_BASE_URL).",
      });
    }
    return undefined;
  }
  if (!/^https?:\/\/[^/]/i.test(url) || !URL.canParse(url)) {
    throw new HubkitError(`--broker-url must be an http:// or https:// URL, found '${url}'.`, { code: "E_USAGE" });
  }
  if (pacts.length > 0) {
    throw new HubkitError("Give pact files or --broker-url, not both.", {
      code: "E_USAGE",
      hint: "Drop the paths to verify the broker's pacts, or drop --broker-url (and PACT_BROKER_BASE_URL).",
    });
  }
  if (flags.publish && (!flags.providerVersion || flags.static)) {
    throw new HubkitError(
      flags.static ? "--publish cannot publish a --static check." : "--publish needs --provider-version.",
      {
        code: "E_USAGE",
        hint: "Results are published for one provider version, e.g. --provider-version $(git rev-parse HEAD).",
      },
    );
  }
  const token = flags.brokerToken ?? env.PACT_BROKER_TOKEN;
  const username = flags.brokerUsername ?? env.PACT_BROKER_USERNAME;
  const password = flags.brokerPassword ?? env.PACT_BROKER_PASSWORD;
  return {
    url: url.replace(/\/+$/, ""),
    provider: flags.providerName,
    ...(token ? { token } : {}),
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(flags.consumerVersionSelectors ? { consumerVersionSelectors: flags.consumerVersionSelectors } : {}),
  };
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
  if (flags.apiVersion) parts.push(`--api-version ${flags.apiVersion}`);
  if (flags.target) parts.push(`--target ${flags.target}`);
  if (flags.connectionString) parts.push(`--connection-string "${redactConnectionString(flags.connectionString)}"`);
  if (flags.brokerUrl) parts.push(`--broker-url ${flags.brokerUrl}`);
  if (flags.brokerToken) parts.push("--broker-token ***");
  if (flags.brokerUsername) parts.push("--broker-username ***");
  if (flags.brokerPassword) parts.push("--broker-password ***");
  if (flags.consumerVersionSelectors)
    parts.push(`--consumer-version-selectors '${JSON.stringify(flags.consumerVersionSelectors)}'`);
  if (flags.providerVersion) parts.push(`--provider-version ${flags.providerVersion}`);
  if (flags.publish) parts.push("--publish");
  return parts.join(" ");
}
