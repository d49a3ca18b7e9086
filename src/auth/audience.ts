// Token audiences: build them the way the Management SDK does, and compare them the way the mock accepts them.
import { effectiveHubName } from "../spec/hub-name.js";

/** Query parameters the SDK appends to a REST request but leaves out of the token's `aud`. */
const NOT_IN_AUDIENCE = new Set(["excluded", "reason", "ttl"]);

/**
 * The SDK's REST audience: `{scheme}://{host}` (port and endpoint path dropped) + path + query, where the query keeps
 * `api-version` and `application` but not `excluded`, `reason` or `ttl`.
 */
export function restAudience(endpoint: string, pathAndQuery: string): string {
  const withSlash = pathAndQuery.startsWith("/") ? pathAndQuery : `/${pathAndQuery}`;
  const q = withSlash.indexOf("?");
  if (q < 0) return audienceBase(endpoint) + withSlash;
  const kept = withSlash
    .slice(q + 1)
    .split("&")
    .filter((pair) => pair !== "" && !NOT_IN_AUDIENCE.has(pair.split("=")[0] ?? ""));
  return audienceBase(endpoint) + withSlash.slice(0, q) + (kept.length > 0 ? `?${kept.join("&")}` : "");
}

/**
 * The newer SDK's REST audience (AccessTokenHttpMessageHandler, PR #2210): the request URL's `GetLeftPart(Path)`,
 * i.e. scheme, host, port and path with no query. It signs this for every request, a followed `nextLink` included.
 */
export function requestUrlAudience(endpoint: string, pathAndQuery: string): string {
  const withSlash = pathAndQuery.startsWith("/") ? pathAndQuery : `/${pathAndQuery}`;
  const q = withSlash.indexOf("?");
  return new URL(endpoint).origin + (q < 0 ? withSlash : withSlash.slice(0, q));
}

/** The SDK's client audience `{scheme}://{host}/client/?hub={lower(app_hub)}` (port dropped). */
export function clientAudience(endpoint: string, hub: string, application?: string): string {
  return `${audienceBase(endpoint)}/client/?hub=${encodeURIComponent(effectiveHubName(hub, application))}`;
}

function audienceBase(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//${url.hostname}`;
}

/** A token audience reduced to what the mock compares: `scheme://host/path` and the lower-cased `hub` query value. */
export interface NormalizedAudience {
  base: string;
  hub: string | undefined;
}

/**
 * Reduces an absolute URI to lower-case scheme and host (port, user info dropped) plus the path without one trailing
 * slash. Hand-parsed rather than `new URL` because it runs per request and must keep the path bytes as sent.
 */
export function normalizeAudience(aud: string, aliasLoopback = false): NormalizedAudience | undefined {
  const sep = aud.indexOf("://");
  if (sep <= 0) return undefined;
  const afterScheme = sep + 3;
  let pathStart = aud.length;
  for (let i = afterScheme; i < aud.length; i++) {
    const c = aud.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      pathStart = i;
      break;
    }
  }
  const host = stripPort(aud.slice(afterScheme, pathStart));
  if (host === "") return undefined;
  const rest = aud.slice(pathStart);
  const hash = rest.indexOf("#");
  const withoutHash = hash < 0 ? rest : rest.slice(0, hash);
  const q = withoutHash.indexOf("?");
  const path = q < 0 ? withoutHash : withoutHash.slice(0, q);
  const hub = q < 0 ? undefined : new URLSearchParams(withoutHash.slice(q + 1)).get("hub")?.toLowerCase();
  return { base: joinBase(aud.slice(0, sep), host, path, aliasLoopback), hub };
}

/**
 * The request side of the comparison: `host` may carry a port, `path` may carry a query (both ignored), and a
 * WebSocket scheme counts as its HTTP twin because client tokens name the `https://` URL.
 */
export function requestAudienceBase(
  request: { scheme: string; host: string; path: string },
  aliasLoopback = false,
): string {
  const q = request.path.indexOf("?");
  const path = q < 0 ? request.path : request.path.slice(0, q);
  const raw = request.scheme.endsWith(":") ? request.scheme.slice(0, -1) : request.scheme;
  const scheme = raw.toLowerCase();
  return joinBase(WEBSOCKET_TWIN[scheme] ?? scheme, stripPort(request.host), path, aliasLoopback);
}

const WEBSOCKET_TWIN: Record<string, string> = { ws: "http", wss: "https" };

/** Equal bases, or equal once percent-escapes are decoded (a client may escape a character the other side did not). */
export function sameAudienceBase(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes("%") && !b.includes("%")) return false;
  const decoded = safeDecode(a);
  return decoded !== undefined && decoded === safeDecode(b);
}

/**
 * With `aliasLoopback` (a mock listening on loopback), `localhost`, `127.0.0.1` and `[::1]` count as one host: they
 * all reach the same socket, and a token signed for one of them should not fail on another with a 401.
 */
function joinBase(scheme: string, host: string, path: string, aliasLoopback: boolean): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  const name = host.toLowerCase();
  return `${scheme.toLowerCase()}://${aliasLoopback && isLoopbackHostName(name) ? "localhost" : name}${trimmed}`;
}

/** A name of this machine's loopback interface (`[::1]` as URLs write it, or bare). */
export function isLoopbackHostName(name: string): boolean {
  const host = name.toLowerCase();
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "::1";
}

function stripPort(authority: string): string {
  const at = authority.lastIndexOf("@");
  const hostPort = at < 0 ? authority : authority.slice(at + 1);
  if (hostPort.startsWith("[")) {
    const end = hostPort.indexOf("]");
    return end < 0 ? hostPort : hostPort.slice(0, end + 1);
  }
  const colon = hostPort.indexOf(":");
  return colon < 0 ? hostPort : hostPort.slice(0, colon);
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURI(text);
  } catch {
    return undefined;
  }
}
