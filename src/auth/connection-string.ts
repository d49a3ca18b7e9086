// Azure SignalR connection strings: parse them by the Management SDK's rules and print the mock's own, keys redacted in errors.
import { HubkitError } from "../errors.js";
import { redactConnectionString, redactSecrets } from "./redact.js";

export interface ConnectionInfo {
  /** Origin plus optional path, no trailing slash, with `Port` applied (e.g. `http://localhost:8888`). */
  endpoint: string;
  accessKey: string;
  /** `Version` as written, `1.0` when absent. */
  version: string;
  /** The `Port` value when the string had one (already applied to `endpoint`). */
  port?: number;
  clientEndpoint?: string;
  serverEndpoint?: string;
}

const CODE = "E_CONNECTION_STRING";
const EXPECTED_FORM = "Expected the form Endpoint=https://<name>.service.signalr.net;AccessKey=<key>;Version=1.0;";
// The SDK's `^1\.\d+(?:[\w-.]+)?$`; the class is reordered because `[\w-.]` is a syntax error in JS `u` mode.
const VERSION = /^1\.\d+(?:[\w.-]+)?$/;
const IDENTITY_AUTH_TYPES = ["aad", "azure", "azure.app", "azure.msi"];

/** Parses `Key=Value;...` like `ConnectionStringParser`: split on `;`, then the first `=`, keys case-insensitive. */
export function parseConnectionString(text: string): ConnectionInfo {
  const props = readProperties(text);
  const secrets = [props.get("accesskey") ?? "", props.get("clientsecret") ?? ""];
  const fail = (message: string, hint = EXPECTED_FORM): never => {
    throw new HubkitError(redactConnectionString(redactSecrets(message, secrets)), { code: CODE, hint });
  };
  if (props.duplicate !== undefined) fail(`Connection string has the key "${props.duplicate}" more than once.`);

  const rawEndpoint = props.get("endpoint");
  if (rawEndpoint === undefined || rawEndpoint === "") fail("Connection string has no Endpoint.");
  const endpointUrl = toHttpUrl(rawEndpoint!, "Endpoint", fail);

  const version = props.get("version") ?? "1.0";
  if (!VERSION.test(version)) {
    fail(`Connection string Version "${version}" is not supported: expected 1.x (e.g. 1.0).`);
  }

  let port: number | undefined;
  const rawPort = props.get("port");
  if (rawPort !== undefined) {
    port = /^\d{1,5}$/.test(rawPort) ? Number(rawPort) : Number.NaN;
    if (!(port >= 1 && port <= 65535)) fail(`Connection string Port "${rawPort}" is invalid: expected 1 to 65535.`);
    endpointUrl.port = String(port);
  }

  const authType = props.get("authtype") ?? "";
  if (authType !== "") {
    const kind = IDENTITY_AUTH_TYPES.includes(authType.toLowerCase()) ? "Microsoft Entra ID" : "an unknown";
    fail(
      `Connection string uses AuthType=${authType} (${kind} authentication); hubkit signs tokens itself and needs an AccessKey.`,
      "Use the resource's access-key connection string (Azure portal > Keys), without AuthType.",
    );
  }
  const accessKey = props.get("accesskey") ?? "";
  if (accessKey === "") fail("Connection string has no AccessKey (or an empty one).");

  const info: ConnectionInfo = { endpoint: formatEndpoint(endpointUrl), accessKey, version };
  if (port !== undefined) info.port = port;
  const client = props.get("clientendpoint");
  if (client) info.clientEndpoint = formatEndpoint(toHttpUrl(client, "ClientEndpoint", fail));
  const server = props.get("serverendpoint");
  if (server) info.serverEndpoint = formatEndpoint(toHttpUrl(server, "ServerEndpoint", fail));
  return info;
}

/** Prints a connection string that `parseConnectionString` reads back to the same info (emulator key order). */
export function formatConnectionString(info: ConnectionInfo): string {
  const values = [info.endpoint, info.accessKey, info.version, info.clientEndpoint ?? "", info.serverEndpoint ?? ""];
  if (values.some((value) => value.includes(";"))) {
    throw new HubkitError("Cannot format a connection string: a value contains ';'.", { code: CODE });
  }
  const parts: string[] = [];
  if (info.port === undefined) {
    parts.push(`Endpoint=${info.endpoint}`);
  } else {
    const url = new URL(info.endpoint);
    url.port = "";
    parts.push(`Endpoint=${formatEndpoint(url)}`, `Port=${info.port}`);
  }
  parts.push(`AccessKey=${info.accessKey}`, `Version=${info.version}`);
  if (info.clientEndpoint) parts.push(`ClientEndpoint=${info.clientEndpoint}`);
  if (info.serverEndpoint) parts.push(`ServerEndpoint=${info.serverEndpoint}`);
  return `${parts.join(";")};`;
}

interface Properties {
  get(key: string): string | undefined;
  duplicate: string | undefined;
}

function readProperties(text: string): Properties {
  const map = new Map<string, string>();
  let duplicate: string | undefined;
  for (const segment of text.split(";")) {
    const eq = segment.indexOf("=");
    // Like the SDK: segments without `=` (including empty ones) are skipped.
    if (eq < 0) continue;
    const key = segment.slice(0, eq).trim();
    const lower = key.toLowerCase();
    if (map.has(lower)) duplicate ??= key;
    else map.set(lower, segment.slice(eq + 1).trim());
  }
  return { get: (key) => map.get(key), duplicate };
}

function toHttpUrl(raw: string, name: string, fail: (message: string) => never): URL {
  const trimmed = raw.replace(/\/+$/, "");
  const problem = `${name} "${trimmed}" is not an absolute http:// or https:// URI`;
  if (!/^https?:\/\/[^/?#]/i.test(trimmed) || !URL.canParse(trimmed)) fail(`${problem}.`);
  const url = new URL(trimmed);
  if (url.search || url.hash || url.username || url.password) fail(`${problem} without query, fragment or user info.`);
  return url;
}

function formatEndpoint(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
