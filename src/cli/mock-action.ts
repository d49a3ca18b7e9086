// What `hubkit mock` does once parsed: starts the stateful mock (or Prism), prints the banner, logs requests, and
// stops cleanly when asked (Ctrl-C, SIGTERM, or the in-process caller's stopRequested).
import type { Command } from "commander";
import { redactConnectionString } from "../auth/index.js";
import { HubkitError } from "../errors.js";
import { EXIT_CODES } from "../exit-codes.js";
import {
  createMockServer,
  DEFAULT_ACCESS_KEY,
  DEFAULT_HOST,
  DEFAULT_PORT,
  FAULT_PROFILES,
  type Fixture,
  loadFixtureFile,
  type MockServer,
} from "../mock/index.js";
import { isLoopbackAddress } from "../mock/network-policy.js";
import { startPrismMock } from "../prism/index.js";
import { loadServedSpec, NEWEST_API_VERSION, SPEC_PATHS, type SpecIndex } from "../spec/index.js";
import { suggestClosest } from "../spec/suggest.js";
import { type CommandIo, stopRequested } from "./io.js";
import type { MockFlags } from "./mock-flags.js";
import { describeUpstream, upstreamOptionsFrom } from "./mock-upstream-action.js";

/** Runs the mock until a stop is requested; resolves with the exit code. */
export async function executeMock(flags: MockFlags, command: Command, io: CommandIo): Promise<number> {
  if (flags.engine === "prism") {
    refuseStatefulFlags(command);
    return runPrismEngine(flags, io);
  }
  const server = await startMock(flags, command, io);
  const signal = await stopRequested(io);
  io.stdout(`${signal} received, stopping the mock\n`);
  await server.close();
  return EXIT_CODES.ok;
}

async function startMock(flags: MockFlags, command: Command, io: CommandIo): Promise<MockServer> {
  const progress = (line: string) => io.stderr(`${line}\n`);
  const spec = loadServedSpec();
  const fixture: Fixture | undefined =
    flags.state === undefined ? undefined : loadFixtureFile(flags.state, spec, { progress });
  const settings = fixture?.server ?? {};
  const keepAliveSeconds = flags.keepAlive ?? settings.keepAliveSeconds;
  const devNegotiate =
    command.getOptionValueSource("devNegotiate") === "cli" ? flags.devNegotiate : settings.devNegotiate;
  const quiet = flags.quiet === true;
  const upstream = upstreamOptionsFrom(flags, io);
  const server = await createMockServer({
    spec,
    ...(flags.strictVersions ? { strictVersions: true } : {}),
    port: flags.port ?? settings.port ?? DEFAULT_PORT,
    host: flags.host ?? settings.host ?? DEFAULT_HOST,
    accessKeys: nonEmpty(flags.accessKey) ?? settings.accessKeys ?? [DEFAULT_ACCESS_KEY],
    ...(fixture ? { fixture } : {}),
    ...((nonEmpty(flags.apiVersion) ?? settings.apiVersions)
      ? { apiVersions: nonEmpty(flags.apiVersion) ?? settings.apiVersions }
      : {}),
    ...(devNegotiate === undefined ? {} : { devNegotiate }),
    ...(keepAliveSeconds === undefined ? {} : { keepAliveIntervalMs: Math.round(keepAliveSeconds * 1000) }),
    ...(flags.dashboard === false ? { dashboard: false } : {}),
    ...networkOptions(flags),
    ...(quiet ? {} : { log: (line: string) => io.stdout(`${timestamp()} ${line}\n`) }),
    ...faultOptions(flags, spec),
    ...(upstream ? { upstream } : {}),
  });
  const lines = [
    `hubkit mock (Azure SignalR Service REST API ${server.spec.versions.join(" + ")}) listening on ${server.url}`,
    ...bindLines(server),
    ...connectionStringLines(server, flags),
    server.accessKeys.length > 1
      ? `  accepted access keys: ${server.accessKeys.length} (the first is in the connection string)`
      : "",
    flags.state ? `  state: ${flags.state} (${describeState(server)})` : "",
    server.dashboardUrl
      ? `  dashboard: ${server.dashboardUrl}${server.dashboardLogin ? " (listening beyond loopback: sign in with an access key)" : ""}`
      : "",
    server.faults.set.size > 0
      ? `  faults: ${server.faults.set.size} rule(s) armed (GET /_hubkit/faults lists them)`
      : "",
    ...server.faults.warnings.map((w) => `  warning: ${w}`),
    describeUpstream(server.upstream, flags),
    `  admin API: ${server.url}/_hubkit/state (a token signed with an access key, aud = the admin URL)`,
    "  virtual connections keep their latest 1,000 messages or 4 MiB each (GET /_hubkit/messages, paged)",
    quiet ? "" : "  logging one line per request; --quiet turns it off",
    "  press Ctrl-C to stop",
  ];
  io.stdout(`${lines.filter(Boolean).join("\n")}\n`);
  return server;
}

/**
 * The full connection string only for the emulator's published key: any other key is the user's secret, and this
 * banner ends up in CI logs. The user knows the key, so saying where it came from is enough.
 */
function connectionStringLines(server: MockServer, flags: MockFlags): string[] {
  if (server.accessKeys[0] === DEFAULT_ACCESS_KEY) return [`  connection string: ${server.connectionString}`];
  const source = nonEmpty(flags.accessKey)
    ? "the first --access-key"
    : `the first of server.accessKeys in ${flags.state ?? "the state file"}`;
  return [
    `  connection string: ${redactConnectionString(server.connectionString)}`,
    `    AccessKey is ${source} (not printed, to keep it out of logs)`,
  ];
}

/** Flags only the stateful engine reads, as commander names them; Prism would silently ignore them. */
const STATEFUL_ONLY: ReadonlyArray<[attribute: string, flag: string]> = [
  ["state", "--state"],
  ["accessKey", "--access-key"],
  ["apiVersion", "--api-version"],
  ["quiet", "--quiet"],
  ["devNegotiate", "--no-dev-negotiate"],
  ["keepAlive", "--keep-alive"],
  ["dashboard", "--no-dashboard"],
  ["faults", "--faults"],
  ["faultsProfile", "--faults-profile"],
  ["allowedHost", "--allowed-host"],
  ["corsOrigin", "--cors-origin"],
  ["strictAudience", "--strict-audience"],
  ["allowDefaultKeyOnNetwork", "--allow-default-key-on-network"],
  ["adminApi", "--admin-api"],
  ["upstream", "--upstream"],
  ["upstreamSettings", "--upstream-settings"],
  ["upstreamTimeout", "--upstream-timeout"],
  ["strictVersions", "--strict-versions"],
];

function refuseStatefulFlags(command: Command): void {
  const given = STATEFUL_ONLY.filter(([attribute]) => command.getOptionValueSource(attribute) === "cli");
  if (given.length === 0) return;
  const flags = given.map(([, flag]) => flag).join(", ");
  throw new HubkitError(`--engine prism does not support ${flags}: Prism serves the spec statelessly.`, {
    code: "E_USAGE",
    hint: "Drop those flags, or drop --engine prism to run the stateful mock (the default).",
  });
}

/** `--engine prism`: Prism answers from the spec's examples; no state, tokens only need the Bearer scheme. */
async function runPrismEngine(flags: MockFlags, io: CommandIo): Promise<number> {
  // Prism takes one document: the newest holds every operation, so current SDK calls are answered too.
  const prism = await startPrismMock({
    port: flags.port ?? DEFAULT_PORT,
    host: flags.host ?? DEFAULT_HOST,
    specPath: SPEC_PATHS[NEWEST_API_VERSION]!,
  });
  io.stdout(
    `hubkit mock (Prism engine, stateless: answers from the spec's examples) listening on ${prism.url}\n  press Ctrl-C to stop\n`,
  );
  const signal = await stopRequested(io);
  io.stdout(`${signal} received, stopping Prism\n`);
  await prism.stop();
  return EXIT_CODES.ok;
}

function describeState(server: MockServer): string {
  const hubs = server.store.snapshot().hubs;
  const connections = hubs.reduce((n, h) => n + h.connections.length, 0);
  const pairs = hubs.reduce((n, h) => n + h.userGroups.length, 0);
  return `${hubs.length} hub(s), ${connections} connection(s), ${pairs} user-group pair(s)`;
}

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}

function timestamp(): string {
  return new Date().toISOString().slice(11, 23);
}

function networkOptions(flags: MockFlags) {
  return {
    ...(nonEmpty(flags.allowedHost) ? { allowedHosts: flags.allowedHost } : {}),
    ...(nonEmpty(flags.corsOrigin) ? { corsOrigins: flags.corsOrigin } : {}),
    ...(flags.strictAudience ? { strictAudience: true } : {}),
    ...(flags.allowDefaultKeyOnNetwork ? { allowDefaultKeyOnNetwork: true } : {}),
    ...(flags.adminApi ? { adminApi: true } : {}),
  };
}

/** The real bind address when it is not what the URL shows (0.0.0.0 is reached as 127.0.0.1 from here). */
function bindLines(server: MockServer): string[] {
  if (isLoopbackAddress(server.host)) return [];
  return [
    `  bound to ${server.host.includes(":") ? `[${server.host}]` : server.host}:${server.port}: reachable from the network`,
    "  on this bind the dev negotiate and the admin API are off unless --dev-negotiate / --admin-api",
  ];
}

/** `--faults FILE`: a state file's `faults:` list (positions in errors come from the file). */
function faultOptions(flags: MockFlags, spec: SpecIndex): { faults?: unknown[] } {
  const profile = flags.faultsProfile === undefined ? [] : [...profileRules(flags.faultsProfile)];
  if (flags.faults === undefined) return profile.length > 0 ? { faults: profile } : {};
  const file = loadFixtureFile(flags.faults, spec);
  if (!Array.isArray(file.faults) || file.faults.length === 0) {
    throw new HubkitError(`${flags.faults} has no fault rules.`, {
      code: "E_FAULTS_INVALID",
      hint: "Write them under a top-level `faults:` list (see docs/faults.md).",
    });
  }
  return { faults: [...profile, ...file.faults] };
}

function profileRules(name: string): readonly unknown[] {
  if (Object.hasOwn(FAULT_PROFILES, name)) return FAULT_PROFILES[name]!;
  const near = suggestClosest(name, Object.keys(FAULT_PROFILES));
  throw new HubkitError(`Unknown fault profile '${name}'${near ? `; did you mean '${near}'?` : "."}`, {
    code: "E_USAGE",
    hint: `--faults-profile takes one of: ${Object.keys(FAULT_PROFILES).join(", ")} (see docs/faults.md).`,
  });
}
