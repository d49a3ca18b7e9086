// `hubkit run`: loads suites, picks the target (embedded mock, or live via connection string), runs, writes the
// reports, and exits 0 (all passed), 1 (failures, or below --min-pass), 2 (usage error) or 3/4 (coverage gate).
import { resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { parseConnectionString, redactConnectionString } from "../auth/index.js";
import { HubkitError } from "../errors.js";
import {
  buildConformanceReport,
  createReporters,
  DEFAULT_OUT_DIR,
  evaluateGates,
  type GateOptions,
  parsePercent,
} from "../reporters/index.js";
import { loadRunnableSuites, runSuites } from "../runner/index.js";
import { loadServedSpec, type SpecIndex } from "../spec/index.js";
import { parseDuration } from "../suite/index.js";
import { createLiveTargetFactory, createMockTargetFactory, type TargetFactory } from "../targets/index.js";
import { usageExitCode } from "./exit-code.js";
import { CONNECTION_STRING_ENV, collect, parseTarget } from "./options.js";

const DEFAULT_PATHS = ["suites"];

export interface RunFlags {
  target?: "mock" | "live";
  connectionString?: string;
  endpoint?: string;
  accessKey?: string;
  grep?: string;
  tag?: string[];
  skipTag?: string[];
  bail?: boolean;
  concurrency?: number;
  timeout?: number;
  reporter?: string[];
  outDir?: string;
  minPass?: string;
  minCoverage?: string;
  apiVersion?: string;
}

/** Every rendering by default, so `npm start` leaves the four report files in reports/. */
const DEFAULT_REPORTERS = ["console", "json", "junit", "html", "md"];

export interface RunIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

const defaultIo = (): RunIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

/** Adds `run` to the `hubkit` program; the action sets `process.exitCode`. */
export function registerRunCommand(program: Command, io: Partial<RunIo> = {}): Command {
  return program
    .command("run")
    .description("Run YAML conformance suites against the embedded mock (default) or a live Azure SignalR resource.")
    .argument("[paths...]", "suite files or folders (default: suites)")
    .option("--target <kind>", "mock (default) or live", parseTarget)
    .option("--connection-string <text>", `a live resource's connection string (or ${CONNECTION_STRING_ENV})`)
    .option("--endpoint <url>", "a live endpoint, with --access-key")
    .option("--access-key <key>", "the access key for --endpoint")
    .option("--grep <pattern>", "only tests whose `suite › test` name contains this text, or matches /regex/")
    .option("--tag <tag>", "only tests with this tag (repeatable)", collect)
    .option("--skip-tag <tag>", "skip tests with this tag (repeatable)", collect)
    .option("--bail", "stop after the first failed test")
    .option("--concurrency <n>", "tests run in parallel, each with its own mock (default: 1)", parseConcurrency)
    .option("--timeout <duration>", "time limit per test, e.g. 30s (default: 30s)", parseTimeout)
    .option("--reporter <names>", "console, json, junit, html, md; comma-separated or repeated (default: all)", collect)
    .option("--out-dir <dir>", `folder for the report files (default: ${DEFAULT_OUT_DIR})`)
    .option("--min-pass <percent>", "exit 1 below this pass rate of the tests that ran (default: 100)")
    .option(
      "--api-version <version>",
      "check against this API version's spec only (default: every version hubkit ships, as one; call steps send " +
        "2022-06-01 unless their suite declares apiVersion)",
    )
    .option("--min-coverage <percent>", "exit 3 below this share of documented operation x status pairs exercised")
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
      process.exitCode = await executeRun(paths, flags, { ...defaultIo(), ...io });
    });
}

/** `hubkit run <args>` as a function: parses the arguments after `run` and returns the exit code. */
export async function runCommand(args: readonly string[], io: Partial<RunIo> = {}): Promise<number> {
  const full = { ...defaultIo(), ...io };
  let code = 0;
  const program = new Command("hubkit")
    .exitOverride()
    .configureOutput({ writeOut: (t) => full.stdout.write(t), writeErr: (t) => full.stderr.write(t) });
  registerRunCommand(program, full)
    .exitOverride()
    .action(async (paths: string[], flags: RunFlags) => {
      code = await executeRun(paths, flags, full);
    });
  try {
    await program.parseAsync(["run", ...args], { from: "user" });
  } catch (error) {
    const usage = usageExitCode(error, (text) => full.stderr.write(text));
    if (usage === undefined) throw error;
    return usage;
  }
  return code;
}

export async function executeRun(paths: readonly string[], flags: RunFlags, io: RunIo): Promise<number> {
  try {
    const spec = loadServedSpec(flags.apiVersion);
    const targets = chooseTarget(flags, io.env, spec);
    const gates = parseGates(flags);
    const reporters = createReporters(flags.reporter ?? DEFAULT_REPORTERS, {
      spec,
      stdout: io.stdout,
      secrets: secretsOf(flags, io.env),
      outDir: resolve(io.cwd, flags.outDir ?? DEFAULT_OUT_DIR),
    });
    const suites = await loadRunnableSuites(paths.length > 0 ? paths : DEFAULT_PATHS, {
      spec,
      env: io.env,
      cwd: io.cwd,
    });
    const result = await runSuites({
      suites,
      targets,
      spec,
      reporters,
      env: io.env,
      command: describeCommand(paths, flags),
      ...(flags.grep !== undefined ? { grep: flags.grep } : {}),
      ...(flags.tag ? { tags: flags.tag } : {}),
      ...(flags.skipTag ? { skipTags: flags.skipTag } : {}),
      ...(flags.bail ? { bail: true } : {}),
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
    });
    const gate = evaluateGates(buildConformanceReport(result, spec), gates);
    io.stdout.write(`${gate.messages.join("\n")}\n`);
    return gate.exitCode;
  } catch (error) {
    const usage = usageExitCode(error, (text) => io.stderr.write(text));
    if (usage === undefined) throw error;
    return usage;
  }
}

/** Live when credentials are given (flags, or the environment variable unless --target mock), else the mock. */
export function chooseTarget(
  flags: RunFlags,
  env: Readonly<Record<string, string | undefined>>,
  spec?: SpecIndex,
): TargetFactory {
  // The mock serves the spec the run checks against (one SpecIndex from this entry point).
  const mockOptions = spec ? { server: { spec } } : {};
  const explicit =
    flags.connectionString ?? (flags.endpoint !== undefined || flags.accessKey !== undefined ? "" : undefined);
  if (flags.target === "mock") {
    if (explicit !== undefined) {
      throw new HubkitError("--target mock cannot be combined with --connection-string, --endpoint or --access-key.", {
        code: "E_USAGE",
        hint: "Drop --target mock to run against the live resource, or drop the credentials.",
      });
    }
    return createMockTargetFactory(mockOptions);
  }
  if (flags.connectionString !== undefined)
    return createLiveTargetFactory({ connectionString: flags.connectionString });
  if (flags.endpoint !== undefined || flags.accessKey !== undefined) {
    if (flags.endpoint === undefined || flags.accessKey === undefined) {
      throw new HubkitError("--endpoint and --access-key go together.", {
        code: "E_USAGE",
        hint: "Give both, or a --connection-string.",
      });
    }
    return createLiveTargetFactory({ endpoint: flags.endpoint, accessKey: flags.accessKey });
  }
  const fromEnv = env[CONNECTION_STRING_ENV];
  if (fromEnv) return createLiveTargetFactory({ connectionString: fromEnv });
  if (flags.target === "live") {
    throw new HubkitError("--target live needs the resource's credentials.", {
      code: "E_USAGE",
      hint: `Pass --connection-string "Endpoint=...;AccessKey=...;Version=1.0;", set ${CONNECTION_STRING_ENV}, or give --endpoint and --access-key.`,
    });
  }
  return createMockTargetFactory(mockOptions);
}

function parseGates(flags: RunFlags): GateOptions {
  return {
    minPass: parsePercent("--min-pass", flags.minPass ?? "100"),
    ...(flags.minCoverage !== undefined ? { minCoverage: parsePercent("--min-coverage", flags.minCoverage) } : {}),
  };
}

/** Keys the reporters must never write, whichever way they were given. */
function secretsOf(flags: RunFlags, env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets = flags.accessKey ? [flags.accessKey] : [];
  for (const text of [flags.connectionString, env[CONNECTION_STRING_ENV]]) {
    if (!text) continue;
    try {
      secrets.push(parseConnectionString(text).accessKey);
    } catch {
      // chooseTarget has already reported a connection string that does not parse.
    }
  }
  return secrets;
}

/** The command line for reports, with keys removed. */
function describeCommand(paths: readonly string[], flags: RunFlags): string {
  const parts = ["hubkit run", ...paths];
  if (flags.target) parts.push(`--target ${flags.target}`);
  if (flags.connectionString) parts.push(`--connection-string "${redactConnectionString(flags.connectionString)}"`);
  if (flags.endpoint) parts.push(`--endpoint ${flags.endpoint}`);
  if (flags.accessKey) parts.push("--access-key ***");
  if (flags.grep) parts.push(`--grep ${JSON.stringify(flags.grep)}`);
  for (const tag of flags.tag ?? []) parts.push(`--tag ${tag}`);
  for (const tag of flags.skipTag ?? []) parts.push(`--skip-tag ${tag}`);
  if (flags.bail) parts.push("--bail");
  if (flags.concurrency) parts.push(`--concurrency ${flags.concurrency}`);
  if (flags.timeout !== undefined) parts.push(`--timeout ${flags.timeout}ms`);
  for (const name of flags.reporter ?? []) parts.push(`--reporter ${name}`);
  if (flags.outDir) parts.push(`--out-dir ${flags.outDir}`);
  if (flags.minPass) parts.push(`--min-pass ${flags.minPass}`);
  if (flags.minCoverage) parts.push(`--min-coverage ${flags.minCoverage}`);
  return parts.join(" ");
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
