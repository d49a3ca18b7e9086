// Who may reach the mock: Host names on a loopback bind (against DNS rebinding), CORS origins, network-bind rules.
import type { Duplex } from "node:stream";
import { isLoopbackHostName } from "../auth/index.js";
import { HubkitError } from "../errors.js";
import { type ErrorDetail, type MockHttpError, mockError } from "./errors.js";

/** A bind address that only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  const host = address.toLowerCase();
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** `host[:port]` or `[v6][:port]` as RFC 9110 allows it; anything else is malformed. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._~!$&'()*+,;=-]+)(?::\d*)?$/i;

/** The Host header's name, lower case, without port or a trailing dot; undefined when malformed. */
export function hostHeaderName(header: string): string | undefined {
  const match = HOST_HEADER.exec(header.trim());
  if (!match) return undefined;
  const name = match[1]!.toLowerCase();
  return name.endsWith(".") ? name.slice(0, -1) : name;
}

/** Undefined when the Host header may reach the mock, else the 400 to answer. */
export type HostCheck = (header: string | undefined) => MockHttpError | undefined;

/** Any Host passes: a network bind is reached by addresses and names the mock cannot know. */
export const anyHost: HostCheck = () => undefined;

/**
 * On a loopback bind a web page can still reach the mock through DNS rebinding (its own name resolving to 127.0.0.1),
 * but its requests carry that name as Host. Only loopback names, and names the user allowed, pass. No Host at all
 * (HTTP/1.0 tools) passes: a browser always sends one.
 */
export function loopbackHostCheck(allowed: readonly string[] = []): HostCheck {
  const extra = new Set(allowed.map((name) => hostHeaderName(name) ?? name.toLowerCase()));
  // Clients send the same Host on every request: remembering the last accepted one makes the check a string compare
  // on the hot path (the parse costs about as much as a quarter of the JSON.parse of a small :send body).
  let lastAccepted: string | undefined;
  return (header) => {
    if (header === undefined || header === "" || header === lastAccepted) return undefined;
    const name = hostHeaderName(header);
    if (name !== undefined && (isLoopbackHostName(name) || extra.has(name))) {
      lastAccepted = header;
      return undefined;
    }
    return mockError(
      "hostNotAllowed",
      `The Host '${header.slice(0, 200)}' is not allowed: the mock listens on loopback and answers only ` +
        "localhost, 127.0.0.1 and [::1] (any port). Add a name with --allowed-host (allowedHosts).",
      { target: "Host" },
    );
  };
}

/** The same ErrorDetail for an upgrade request, on the raw socket. */
export function rejectUpgradeWith(socket: Duplex, error: MockHttpError): void {
  socket.on("error", () => {});
  const body = JSON.stringify(error.detail satisfies ErrorDetail);
  socket.end(
    `HTTP/1.1 ${error.status} Bad Request\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nx-ms-error-code: ${error.detail.code}\r\n\r\n${body}`,
  );
}

/**
 * CORS with credentials only for pages on this machine (`http(s)://localhost|127.0.0.1|[::1]` on any port) and the
 * origins given; never `null` (sandboxed frames and `file://` pages, which any site can create).
 */
export function corsOriginCheck(extra: readonly string[] = []): (origin: string) => boolean {
  const allowed = new Set(extra.map(normalizeOrigin));
  return (origin) => {
    if (allowed.has(normalizeOrigin(origin))) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHostName(url.hostname);
  };
}

const normalizeOrigin = (origin: string): string => origin.trim().toLowerCase().replace(/\/$/, "");

/**
 * The emulator's key is published: on a network bind anyone who can reach the port could send as the app, so the
 * mock refuses to start with it unless told that is intended.
 */
export function refuseDefaultKeyOnNetwork(host: string, keys: readonly string[], defaultKey: string): void {
  if (isLoopbackAddress(host) || !keys.includes(defaultKey)) return;
  throw new HubkitError(
    `Refusing to listen on ${host} with the emulator's published access key: anyone who can reach this port could call the REST API.`,
    {
      code: "E_DEFAULT_KEY_ON_NETWORK",
      hint: "Pass your own key with --access-key, listen on 127.0.0.1, or add --allow-default-key-on-network if this network is trusted.",
    },
  );
}

/** Detail of the 404 for a feature a network bind turns off. */
export function offOnNetwork(feature: string, flag: string): MockHttpError {
  return mockError(
    "routeNotFound",
    `The ${feature} is off: the mock listens on a network address. Start it with ${flag} to serve it there.`,
    { target: "path" },
  );
}
