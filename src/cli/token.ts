// `hubkit token`: prints a token for one URL, signed the way the Management SDK signs it, for curl and scripts.
// The options live here; signing (token-action.ts) is loaded only when the command runs, so `$(hubkit token)` is quick.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { type CommandIo, commandIo } from "./io.js";
import { CONNECTION_STRING_ENV } from "./options.js";
import { DEFAULT_ENDPOINT, type TokenFlags } from "./token-flags.js";

export function registerTokenCommand(program: Command, io: Partial<CommandIo> = {}): void {
  const out = commandIo(io);
  program
    .command("token")
    .description("Print a signed access token for one URL (REST or client), e.g. for curl.")
    .argument("<url>", "the request URL, or a path resolved against the endpoint (e.g. /api/hubs/chat/:send)")
    .option("--access-key <key>", "the key to sign with (default: the mock's default key)")
    .option("--connection-string <text>", `endpoint and key in one (or ${CONNECTION_STRING_ENV})`)
    .option("--url <endpoint>", `the endpoint a path is resolved against (default: ${DEFAULT_ENDPOINT}, the mock's)`)
    .option("--expires-in <seconds>", "lifetime of the token", parseSeconds, 3600)
    .option("--user <id>", "for client URLs (/client/?hub=...): the user id (claim asrs.s.uid)")
    .addHelpText(
      "after",
      [
        "",
        "The audience is the URL without its port (and, for REST, with the query the SDK keeps), as the",
        "Management SDK signs it. A client URL (/client/?hub=chat) gets a client token for that hub.",
        "",
        "Examples:",
        '  curl -X POST "http://127.0.0.1:8888/api/hubs/chat/:send?api-version=2022-06-01" \\',
        '    -H "Authorization: Bearer $(npx hubkit token /api/hubs/chat/:send)" \\',
        '    -H \'Content-Type: application/json\' -d \'{"target":"newMessage","arguments":["hi"]}\'',
        "  npx hubkit token '/client/?hub=chat' --user alice",
      ].join("\n"),
    )
    .action(async (url: string, flags: TokenFlags) => {
      const { createToken } = await import("./token-action.js");
      out.stdout(`${await createToken(url, flags, out.env)}\n`);
    });
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of seconds, at least 1.");
  return n;
}
