// The mock's HTTP timeouts: idle keep-alive longer than client pools keep sockets, so a pooled socket never races a close.

/**
 * Kestrel's default keep-alive timeout (130 s). Node's default (5 s) is shorter than most client pools' idle time
 * (undici 4 s rising with server hints, .NET's SocketsHttpHandler 60-90 s, browsers ~60-300 s), so a client could
 * pick a pooled socket just as the mock closed it and get "socket hang up".
 */
export const KEEP_ALIVE_TIMEOUT_MS = 130_000;

/** Node's docs: the headers timeout must exceed the keep-alive timeout, or idle sockets can be cut mid-request. */
export const HEADERS_TIMEOUT_MS = KEEP_ALIVE_TIMEOUT_MS + 1_000;

/** Whole request (headers and body) within 5 minutes: Node's default, and above the headers timeout as Node requires. */
export const REQUEST_TIMEOUT_MS = 300_000;

export function applyServerTimeouts(server: {
  keepAliveTimeout: number;
  headersTimeout: number;
  requestTimeout: number;
}): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
}
