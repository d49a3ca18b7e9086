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
  type Fixture,
  loadFixtureFile,
  type MockServer,
} from "../mock/index.js";
import { startPrismMock } from "../prism/index.js";
import { KNOWN_API_VERSIONS, loadServedSpec } from "../spec/index.js";
import { collect, parsePort } from "./options.js";

interface MockFlags {
  engine?: "stateful" | "prism";
  port?: number;
  host?: string;
  accessKey?: string[];
  state?: string;
  apiVersion?: string[];
  quiet?: boolean;
  devNegotiate: boolean;
  keepAlive?: number;
  strictVersions?: boolean;
}

export function registerMockCommand(program: Command): void {
  program
    .command("mock")
    .description(
      `Run a local Azure SignalR Service: the REST operations of API ${KNOWN_API_VERSIONS.join(" and ")} with real state, plus client ` +
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
      "--api-version <version>",
      `an accepted api-version; repeat for several (default: ${KNOWN_API_VERSIONS.join(", ")})`,
      collect,
    )
    .option(
      "--strict-versions",
      "serve each operation only under the api-versions that have it (default: newer operations answer under any " +
        "accepted api-version, as the Management SDK sends them with 2022-06-01)",
    )
    .option("-q, --quiet", "do not log requests")
    .option("--no-dev-negotiate", "do not serve /_hubkit/hubs/{hub}/negotiate (clients then need an app server)")
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
  const spec = loadServedSpec();
  const fixture: Fixture | undefined = flags.state === undefined ? undefined : loadFixtureFile(flags.state, spec.names);
  const settings = fixture?.server ?? {};
  const keepAliveSeconds = flags.keepAlive ?? settings.keepAliveSeconds;
  const devNegotiate =
    command.getOptionValueSource("devNegotiate") === "cli" ? flags.devNegotiate : settings.devNegotiate;
  const quiet = flags.quiet === true;
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
    ...(quiet ? {} : { log: (line: string) => process.stdout.write(`${timestamp()} ${line}\n`) }),
  });
  const lines = [
    `hubkit mock (Azure SignalR Service REST API ${server.spec.versions.join(" + ")}) listening on ${server.url}`,
    ...connectionStringLines(server, flags),
    server.accessKeys.length > 1
      ? `  accepted access keys: ${server.accessKeys.length} (the first is in the connection string)`
      : "",
    flags.state ? `  state: ${flags.state} (${describeState(server)})` : "",
    `  admin API: ${server.url}/_hubkit/state (a token signed with an access key, aud = the admin URL)`,
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

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}

function timestamp(): string {
  return new Date().toISOString().slice(11, 23);
}
