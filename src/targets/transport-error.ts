// Transport failures of a REST call (the connection closed or reset while sending or reading), described once.

/** Socket-level codes that mean "the other side closed the connection", as Node and undici report them. */
const CLOSED_CODES = new Set(["EPIPE", "ECONNRESET", "UND_ERR_SOCKET", "ECONNABORTED"]);

/** A REST call that broke in transport; the runner shows `title`, the message and `hint` as a step error. */
export class TransportError extends Error {
  constructor(
    readonly title: string,
    message: string,
    readonly hint: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** The first closed-connection code on the error or its causes (undici wraps socket errors). */
export function closedConnectionCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CLOSED_CODES.has(code)) return code;
  }
  return undefined;
}

/**
 * The server closed the connection before any answer arrived. With a body this is typically a server that rejects
 * the upload early (e.g. a 413 for a body over its limit) and closes while the client is still writing, so that the
 * answer is lost in the reset: say so, rather than a bare `write EPIPE`.
 */
export function closedBeforeAnswer(
  error: unknown,
  call: { method: string; path: string; bodyBytes: number },
): TransportError | undefined {
  const code = closedConnectionCode(error);
  if (code === undefined) return undefined;
  const what = `${call.method} ${call.path}`;
  if (call.bodyBytes > 0) {
    return new TransportError(
      "Connection closed during upload",
      `The server closed the connection (${code}) while hubkit was sending the ${call.bodyBytes}-byte body of ${what}, ` +
        "before any answer arrived.",
      "A server may refuse a large body (413) and close without reading it; if the answer was lost, retry, or " +
        "check the service's body limit and logs.",
      code,
    );
  }
  return new TransportError(
    "Connection closed before an answer",
    `The server closed the connection (${code}) before answering ${what}.`,
    "Check that the endpoint is a SignalR service (or hubkit mock) and look at its logs; a retry may pass.",
    code,
  );
}
