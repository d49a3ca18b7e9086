// `hubkit mock`: starts the stateful mock, prints its endpoint and connection string, logs requests, stops on signals.
import { type Command, InvalidArgumentError } from "commander";
import { redactConnectionString } from "../auth/index.js";
import { HubkitError } from "../errors.js";
import { isKeepAliveSeconds, KEEP_ALIVE_SECONDS, KEEP_ALIVE_WHY } from "../mock/fixtures/index.js";
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
import { suggestClosest } from "../spec/index.js";
import { collect, parsePort } from "./options.js";

interface MockFlags {
  engine?: "stateful" | "prism";
  port?: number;
  host?: string;
  accessKey?: string[];
  state?: string;
  apiVersion?: string[];
  quiet?: boolean;
  devNegotiate?: boolean;
  keepAlive?: number;
  dashboard: boolean;
  faults?: string;
  faultsProfile?: string;
  allowedHost?: string[];
  corsOrigin?: string[];
  strictAudience?: boolean;
  allowDefaultKeyOnNetwork?: boolean;
  adminApi?: boolean;
}

export function registerMockCommand(program: Command): void {
  program
    .command("mock")
    .description(
      "Run a local Azure SignalR Service: the 19 REST operations (2022-06-01) with real state, plus client " +
        "endpoints for @microsoft/signalr. Prints the connection string to give your app.",
    )
    .option(
      "--engine <engine>",
      "stateful, or prism: the spec served statelessly by Prism (default: stateful)",
      parseEngine,
    )
    .option("-p, --port <port>", `port to listen on, 0 for any free port (default: ${DEFAULT_PORT})`, parsePort)
    .option("--host <host>", `address to listen on (default: ${DEFAULT_HOST})`)
    // No commander defaults on list flags: they would print as (default: []) after the real default.
    .option(
      "--access-key <key>",
      "an accepted access key; repeat for several (default: the emulator's key). Only the emulator's public key " +
        "is printed; any other shows as AccessKey=***",
      collect,
    )
    .option("--state <file>", "YAML state file to seed hubs, connections, users and groups (see mocks/)")
    .option(
      "--faults <file>",
      "YAML file with a `faults:` list of fault rules (see docs/faults.md); default: no faults",
    )
    .option(
      "--faults-profile <name>",
      `a ready-made fault profile: ${Object.keys(FAULT_PROFILES).join(", ")} (see docs/faults.md)`,
      parseProfile,
    )
    .option("--api-version <version>", "an accepted api-version; repeat for several (default: 2022-06-01)", collect)
    .option("-q, --quiet", "do not log requests")
    .option("--dev-negotiate", "serve /_hubkit/hubs/{hub}/negotiate on a network bind too (default: loopback only)")
    .option("--no-dev-negotiate", "do not serve /_hubkit/hubs/{hub}/negotiate (clients then need an app server)")
    .option("--no-dashboard", "do not serve the live dashboard at /_hubkit/")
    .option("--admin-api", "serve the admin API (/_hubkit/state, ...) on a network bind too (default: loopback only)")
    .option("--allowed-host <name>", "a Host name accepted besides localhost/127.0.0.1/[::1]; repeatable", collect)
    .option(
      "--cors-origin <origin>",
      "an origin allowed CORS besides http(s)://localhost|127.0.0.1|[::1]; repeatable",
      collect,
    )
    .option("--strict-audience", "compare token audience hosts exactly (localhost, 127.0.0.1, [::1] differ)")
    .option("--allow-default-key-on-network", "listen on a non-loopback --host with the emulator's published key")
    .option(
      "--keep-alive <seconds>",
      `seconds between server pings to connected clients, ${KEEP_ALIVE_SECONDS.min} to ${KEEP_ALIVE_SECONDS.max} ` +
        "(fractions allowed; default: 15). @microsoft/signalr clients disconnect after 30 s without a message, " +
        "so a longer interval would drop every client",
      parseKeepAlive,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  hubkit mock\n  hubkit mock --port 0 --state mocks/chat-room.yaml\n  hubkit mock --access-key primaryKey --access-key secondaryKey --quiet",
    )
    .action(async (flags: MockFlags, command: Command) => {
      if (flags.engine === "prism") {
        refuseStatefulFlags(command);
        return startPrismEngine(flags);
      }
      const server = await startMock(flags, command);
      stopOnSignals(server);
    });
}

async function startMock(flags: MockFlags, command: Command): Promise<MockServer> {
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const fixture: Fixture | undefined =
    flags.state === undefined ? undefined : loadFixtureFile(flags.state, { progress });
  const settings = fixture?.server ?? {};
  const keepAliveSeconds = flags.keepAlive ?? settings.keepAliveSeconds;
  const devNegotiate =
    command.getOptionValueSource("devNegotiate") === "cli" ? flags.devNegotiate : settings.devNegotiate;
  const quiet = flags.quiet === true;
  const server = await createMockServer({
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
    ...(quiet ? {} : { log: (line: string) => process.stdout.write(`${timestamp()} ${line}\n`) }),
    ...faultOptions(flags),
  });
  const lines = [
    `hubkit mock (Azure SignalR Service REST API 2022-06-01) listening on ${server.url}`,
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
    `  admin API: ${server.url}/_hubkit/state (a token signed with an access key, aud = the admin URL)`,
    "  virtual connections keep their latest 1,000 messages or 4 MiB each (GET /_hubkit/messages, paged)",
    quiet ? "" : "  logging one line per request; --quiet turns it off",
    "  press Ctrl-C to stop",
  ];
  process.stdout.write(`${lines.filter(Boolean).join("\n")}\n`);
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
async function startPrismEngine(flags: MockFlags): Promise<void> {
  const prism = await startPrismMock({ port: flags.port ?? DEFAULT_PORT, host: flags.host ?? DEFAULT_HOST });
  process.stdout.write(
    `hubkit mock (Prism engine, stateless: answers from the spec's examples) listening on ${prism.url}\n  press Ctrl-C to stop\n`,
  );
  const stop = (signal: string) => {
    process.stdout.write(`${signal} received, stopping Prism\n`);
    prism.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

function parseEngine(value: string): "stateful" | "prism" {
  if (value === "stateful" || value === "prism") return value;
  throw new InvalidArgumentError("expected stateful or prism.");
}

function stopOnSignals(server: MockServer): void {
  const stop = (signal: string) => {
    process.stdout.write(`${signal} received, stopping the mock\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

function describeState(server: MockServer): string {
  const hubs = server.store.snapshot().hubs;
  const connections = hubs.reduce((n, h) => n + h.connections.length, 0);
  const pairs = hubs.reduce((n, h) => n + h.userGroups.length, 0);
  return `${hubs.length} hub(s), ${connections} connection(s), ${pairs} user-group pair(s)`;
}

function parseKeepAlive(value: string): number {
  const seconds = value.trim() === "" ? Number.NaN : Number(value);
  if (!isKeepAliveSeconds(seconds)) {
    throw new InvalidArgumentError(
      `expected ${KEEP_ALIVE_SECONDS.min} to ${KEEP_ALIVE_SECONDS.max} seconds, found '${value}'. ${KEEP_ALIVE_WHY}`,
    );
  }
  return seconds;
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

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}

function timestamp(): string {
  return new Date().toISOString().slice(11, 23);
}

/** `--faults FILE`: a state file's `faults:` list (positions in errors come from the file). */
function faultOptions(flags: MockFlags): { faults?: unknown[] } {
  const profile = flags.faultsProfile === undefined ? [] : [...(FAULT_PROFILES[flags.faultsProfile] ?? [])];
  if (flags.faults === undefined) return profile.length > 0 ? { faults: profile } : {};
  const file = loadFixtureFile(flags.faults);
  if (!Array.isArray(file.faults) || file.faults.length === 0) {
    throw new HubkitError(`${flags.faults} has no fault rules.`, {
      code: "E_FAULTS_INVALID",
      hint: "Write them under a top-level `faults:` list (see docs/faults.md).",
    });
  }
  return { faults: [...profile, ...file.faults] };
}

function parseProfile(value: string): string {
  if (Object.hasOwn(FAULT_PROFILES, value)) return value;
  const near = suggestClosest(value, Object.keys(FAULT_PROFILES));
  throw new InvalidArgumentError(
    `unknown fault profile '${value}'${near ? `; did you mean '${near}'?` : ""} Profiles: ${Object.keys(FAULT_PROFILES).join(", ")}.`,
  );
}
