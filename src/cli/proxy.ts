// `hubkit proxy`: Prism's validation proxy in front of any implementation; every request and response violation is
// recorded and written as a conformance report when the proxy stops (Ctrl-C / SIGTERM / the caller's stopRequested).
// The options live here; the implementation (proxy-action.ts) is loaded only when the command runs.
import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_OUT_DIR } from "../reporters/out-dir.js";
import { type CommandIo, commandIo } from "./io.js";
import { collect, parseApiVersion, parsePort } from "./options.js";
import type { ProxyFlags } from "./proxy-flags.js";

export const DEFAULT_PROXY_PORT = 4010;

export function registerProxyCommand(program: Command, io: Partial<CommandIo> = {}): Command {
  const out = commandIo(io);
  return program
    .command("proxy")
    .description(
      "Validate live traffic against the spec: Prism's validation proxy forwards to --upstream, hubkit records " +
        "every request and response violation and writes the conformance report when stopped.",
    )
    .requiredOption("--upstream <url>", "the implementation to forward to, e.g. http://localhost:8888", parseUrl)
    .option("-p, --port <port>", `port clients send to (0 for any free port)`, parsePort, DEFAULT_PROXY_PORT)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option(
      "--api-version <version>",
      "the API version whose spec Prism validates against (default: the newest, which holds every operation)",
      parseApiVersion,
    )
    .option("--reporter <names>", "report files, comma-separated: json, junit, html, md", collect)
    .option("--out-dir <dir>", "folder for the report files", DEFAULT_OUT_DIR)
    .addHelpText(
      "after",
      [
        "",
        "Point clients at the proxy instead of the implementation; tokens must be signed for the host they call.",
        "A response violation, or an invalid request the upstream accepted, fails that exchange; an invalid",
        "request the upstream rejected (4xx) is the behaviour the spec asks for and passes.",
        "",
        "Example:",
        "  hubkit proxy --upstream http://localhost:8888 --port 4010",
        "",
        "Exit codes (after Ctrl-C): 0 no failed exchange, 1 failed or errored exchanges, 2 usage error.",
      ].join("\n"),
    )
    .action(async (flags: ProxyFlags) => {
      const { executeProxy } = await import("./proxy-action.js");
      out.setExitCode(await executeProxy(flags, out));
    });
}

function parseUrl(value: string): string {
  if (!/^https?:\/\/[^/]/i.test(value) || !URL.canParse(value)) {
    throw new InvalidArgumentError(`expected an http:// or https:// URL, found '${value}'.`);
  }
  return value.replace(/\/+$/, "");
}
