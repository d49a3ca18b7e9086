// `hubkit token`: prints a token for one URL, signed the way the Management SDK signs it, for curl and scripts.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { clientAudience, parseConnectionString, restAudience, signAccessToken } from "../auth/index.js";
import { HubkitError } from "../errors.js";
import { DEFAULT_ACCESS_KEY, DEFAULT_HOST, DEFAULT_PORT } from "../mock/index.js";
import { CONNECTION_STRING_ENV } from "./options.js";

interface TokenFlags {
  accessKey?: string;
  connectionString?: string;
  expiresIn: number;
  user?: string;
  url?: string;
}

/** The URL `hubkit mock` prints by default, so a token for a path works against the printed URL as is. */
const DEFAULT_ENDPOINT = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;

export function registerTokenCommand(program: Command): void {
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
      process.stdout.write(`${await createToken(url, flags, process.env)}\n`);
    });
}

export async function createToken(
  url: string,
  flags: TokenFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string> {
  const connection = flags.connectionString ?? env[CONNECTION_STRING_ENV];
  const info = connection ? parseConnectionString(connection) : undefined;
  const accessKey = flags.accessKey ?? info?.accessKey ?? DEFAULT_ACCESS_KEY;
  const target = resolveUrl(url, flags.url ?? info?.endpoint ?? DEFAULT_ENDPOINT);
  const endpoint = `${target.protocol}//${target.host}`;
  if (target.pathname.replace(/\/$/, "") === "/client") {
    const hub = target.searchParams.get("hub");
    if (!hub) {
      throw new HubkitError(`The client URL ${url} names no hub.`, {
        code: "E_USAGE",
        hint: "Client URLs look like /client/?hub=chat.",
      });
    }
    const claims = flags.user === undefined ? undefined : { "asrs.s.uid": flags.user };
    return signAccessToken({
      accessKey,
      audience: clientAudience(endpoint, hub),
      expiresInSeconds: flags.expiresIn,
      ...(claims ? { claims } : {}),
    });
  }
  return signAccessToken({
    accessKey,
    audience: restAudience(endpoint, target.pathname + target.search),
    expiresInSeconds: flags.expiresIn,
  });
}

function resolveUrl(url: string, endpoint: string): URL {
  try {
    return new URL(url, `${endpoint}/`);
  } catch {
    throw new HubkitError(`'${url}' is not a URL or a path.`, {
      code: "E_USAGE",
      hint: "Give a full URL (http://localhost:8888/api/health) or a path (/api/hubs/chat/:send).",
    });
  }
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of seconds, at least 1.");
  return n;
}
