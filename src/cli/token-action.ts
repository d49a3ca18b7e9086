// What `hubkit token` does once parsed: resolves the URL against the endpoint and signs a REST or client token.
import { parseConnectionString } from "../auth/connection-string.js";
import { clientAudience, restAudience, signAccessToken } from "../auth/sign.js";
import { HubkitError } from "../errors.js";
import { DEFAULT_ACCESS_KEY } from "../mock/defaults.js";
import { CONNECTION_STRING_ENV } from "./options.js";
import { DEFAULT_ENDPOINT, type TokenFlags } from "./token-flags.js";

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
