// `hubkit mock`: starts the stateful mock, prints its endpoint and connection string, logs requests, stops on signals.
// The options live here; the implementation (mock-action.ts) is loaded only when the command runs.
import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_HOST, DEFAULT_PORT } from "../mock/defaults.js";
import { FAULT_PROFILES } from "../mock/faults/profiles.js";
import { isKeepAliveSeconds, KEEP_ALIVE_SECONDS, KEEP_ALIVE_WHY } from "../mock/fixtures/keep-alive.js";
import { KNOWN_API_VERSIONS } from "../spec/api-versions.js";
import { type CommandIo, commandIo } from "./io.js";
import type { MockFlags } from "./mock-flags.js";
import { addUpstreamOptions } from "./mock-upstream.js";
import { collect, parsePort } from "./options.js";

export function registerMockCommand(program: Command, io: Partial<CommandIo> = {}): void {
  const out = commandIo(io);
  const command = program
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
      "--faults <file>",
      "YAML file with a `faults:` list of fault rules (see docs/faults.md); default: no faults",
    )
    .option(
      "--faults-profile <name>",
      `a ready-made fault profile: ${Object.keys(FAULT_PROFILES).join(", ")} (see docs/faults.md)`,
    )
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
    );
  addUpstreamOptions(command)
    .addHelpText(
      "after",
      "\nExamples:\n  hubkit mock\n  hubkit mock --port 0 --state mocks/chat-room.yaml\n  hubkit mock --access-key primaryKey --access-key secondaryKey --quiet\n  hubkit mock --upstream   (client invocations go to func start's http://localhost:7071/runtime/webhooks/signalr)\n  hubkit mock --upstream-settings settings.json",
    )
    .action(async (flags: MockFlags, command: Command) => {
      const { executeMock } = await import("./mock-action.js");
      out.setExitCode(await executeMock(flags, command, out));
    });
}

function parseEngine(value: string): "stateful" | "prism" {
  if (value === "stateful" || value === "prism") return value;
  throw new InvalidArgumentError("expected stateful or prism.");
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
