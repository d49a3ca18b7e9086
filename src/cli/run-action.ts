// What `hubkit run` does once parsed: chooses the target, loads the suites, runs them, writes the reports and applies
// the CI gates; resolves with the exit code.
import { resolve } from "node:path";
import { parseConnectionString, redactConnectionString } from "../auth/index.js";
import { HubkitError } from "../errors.js";
import {
  buildConformanceReport,
  createReporters,
  DEFAULT_OUT_DIR,
  type GateOptions,
  parsePercent,
  readConformanceReport,
} from "../reporters/index.js";
import { loadRunnableSuites, parseShard, runSuites, type Shard } from "../runner/index.js";
import { planSuiteSources } from "../runner/suite-sources.js";
import { loadServedSpec, type SpecIndex } from "../spec/index.js";
import { suiteSecretValues } from "../suite/index.js";
import { createConnectionStringTargetFactory, createMockTargetFactory, type TargetFactory } from "../targets/index.js";
import { withUpstreamReceiver } from "../targets/upstream-receiver.js";
import { exitCodeOfGates, usageExitCodeOrThrow } from "./exit-code.js";
import type { CommandIo } from "./io.js";
import { CONNECTION_STRING_ENV } from "./options.js";
import type { RunFlags } from "./run-flags.js";

/** Every rendering by default, so `npm start` leaves the four report files in reports/. */
const DEFAULT_REPORTERS = ["console", "json", "junit", "html", "md"];

export async function executeRun(paths: readonly string[], flags: RunFlags, io: CommandIo): Promise<number> {
  try {
    const sharding = await readSharding(flags, io);
    const spec = loadServedSpec(flags.apiVersion);
    const targets = withUpstreamReceiver(chooseTarget(flags, io.env, spec), flags.upstreamListen);
    const gates = parseGates(flags);
    const plan = planSuiteSources(paths, { builtin: flags.builtin === true, cwd: io.cwd });
    if (plan.notice) io.stdout(`${plan.notice}\n`);
    const suites = await loadRunnableSuites(plan.paths, {
      spec,
      env: io.env,
      cwd: io.cwd,
      onProgress: (line) => io.stderr(line),
    });
    // After loading: the suites' `secrets:` name environment values the reports must redact too.
    const reporters = createReporters(flags.reporter ?? DEFAULT_REPORTERS, {
      spec,
      stdout: { write: io.stdout, isTTY: io.isTTY === true },
      secrets: [...secretsOf(flags, io.env), ...suiteSecretValues(suites, io.env)],
      outDir: resolve(io.cwd, flags.outDir ?? DEFAULT_OUT_DIR),
    });
    const result = await runSuites({
      suites,
      targets,
      spec,
      reporters,
      env: io.env,
      command: describeCommand(paths, flags),
      suiteSources: plan.sources,
      ...(flags.grep !== undefined ? { grep: flags.grep } : {}),
      ...(flags.tag ? { tags: flags.tag } : {}),
      ...(flags.skipTag ? { skipTags: flags.skipTag } : {}),
      ...(flags.bail ? { bail: true } : {}),
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
      ...sharding,
    });
    return exitCodeOfGates(buildConformanceReport(result, spec), gates, io);
  } catch (error) {
    return usageExitCodeOrThrow(error, io.stderr);
  }
}

/** `--shard` and `--durations` as runSuites options; usage errors for a bad value or an unreadable report. */
async function readSharding(
  flags: RunFlags,
  io: CommandIo,
): Promise<{ shard?: Shard; durations?: Map<string, number> }> {
  if (flags.shard === undefined) {
    if (flags.durations !== undefined) {
      throw new HubkitError("--durations only balances --shard; pass both, or neither.", { code: "E_SHARD_INVALID" });
    }
    return {};
  }
  const shard = parseShard(flags.shard);
  if (flags.durations === undefined) return { shard };
  const previous = await readConformanceReport(resolve(io.cwd, flags.durations));
  return { shard, durations: new Map(previous.tests.map((t) => [t.id, t.durationMs])) };
}

/**
 * Given credentials (flags, or the environment variable unless --target mock): the service they name, a running
 * hubkit mock (seeded through its admin API) or a live service; else the in-process mock.
 */
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
  if (flags.secondaryAccessKey !== undefined && explicit === undefined && !env[CONNECTION_STRING_ENV]) {
    throw new HubkitError("--secondary-access-key is for a live target.", {
      code: "E_USAGE",
      hint: "Give it with --connection-string (or --endpoint and --access-key); the mock has its own two keys.",
    });
  }
  const secondary = flags.secondaryAccessKey ? { secondaryAccessKey: flags.secondaryAccessKey } : {};
  if (flags.connectionString !== undefined)
    return createConnectionStringTargetFactory({ connectionString: flags.connectionString, ...secondary });
  if (flags.endpoint !== undefined || flags.accessKey !== undefined) {
    if (flags.endpoint === undefined || flags.accessKey === undefined) {
      throw new HubkitError("--endpoint and --access-key go together.", {
        code: "E_USAGE",
        hint: "Give both, or a --connection-string.",
      });
    }
    return createConnectionStringTargetFactory({ endpoint: flags.endpoint, accessKey: flags.accessKey, ...secondary });
  }
  const fromEnv = env[CONNECTION_STRING_ENV];
  if (fromEnv) return createConnectionStringTargetFactory({ connectionString: fromEnv, ...secondary });
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
  const secrets = [flags.accessKey, flags.secondaryAccessKey].filter((key): key is string => Boolean(key));
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
  if (flags.secondaryAccessKey) parts.push("--secondary-access-key ***");
  if (flags.grep) parts.push(`--grep ${JSON.stringify(flags.grep)}`);
  for (const tag of flags.tag ?? []) parts.push(`--tag ${tag}`);
  for (const tag of flags.skipTag ?? []) parts.push(`--skip-tag ${tag}`);
  if (flags.builtin) parts.push("--builtin");
  if (flags.bail) parts.push("--bail");
  if (flags.concurrency) parts.push(`--concurrency ${flags.concurrency}`);
  if (flags.timeout !== undefined) parts.push(`--timeout ${flags.timeout}ms`);
  for (const name of flags.reporter ?? []) parts.push(`--reporter ${name}`);
  if (flags.outDir) parts.push(`--out-dir ${flags.outDir}`);
  if (flags.shard) parts.push(`--shard ${flags.shard}`);
  if (flags.durations) parts.push(`--durations ${flags.durations}`);
  if (flags.minPass) parts.push(`--min-pass ${flags.minPass}`);
  if (flags.minCoverage) parts.push(`--min-coverage ${flags.minCoverage}`);
  if (flags.apiVersion) parts.push(`--api-version ${flags.apiVersion}`);
  return parts.join(" ");
}
