// Small HTTP helpers for the client endpoints: plain responses, bounded bodies, the caller's token and origin.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { TLSSocket } from "node:tls";
import { readBearerToken } from "../../auth/index.js";
import { type MockHttpError, mockError } from "../errors.js";

/** Both negotiate endpoints answer other methods alike: 405 ErrorDetail with `Allow`, as the REST API does. */
export const negotiateExpectsPost = (): MockHttpError =>
  mockError("methodNotAllowed", "Negotiate expects POST.", { target: "method", headers: { allow: "POST, OPTIONS" } });

export const noRoute = (message: string): MockHttpError => mockError("routeNotFound", message, { target: "path" });

export function sendText(res: ServerResponse, status: number, text = "", headers: OutgoingHttpHeaders = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = Buffer.from(text, "utf8");
  res.writeHead(status, {
    ...(body.length > 0 ? { "Content-Type": "text/plain; charset=utf-8" } : {}),
    "Content-Length": body.length,
    ...headers,
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), "utf8");
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": body.length });
  res.end(body);
}

export type BodyResult =
  | { kind: "body"; body: Buffer }
  /** Larger than the limit: read to the end (so the answer reaches the client) but not kept. */
  | { kind: "tooLarge" }
  /** The client went away before the body ended: there is nobody left to answer. */
  | { kind: "aborted" };

/** Reads the whole body, keeping at most `limit` bytes; settles once. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on("end", () =>
      resolve(size > limit ? { kind: "tooLarge" } : { kind: "body", body: Buffer.concat(chunks, size) }),
    );
    // After "end" these change nothing (a promise settles once); before it, the upload was cut off.
    req.on("error", () => resolve({ kind: "aborted" }));
    req.on("close", () => resolve({ kind: "aborted" }));
  });
}

/** `Authorization: Bearer` first (Node clients), then `access_token` in the query (browsers cannot set headers). */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  return readBearerToken(req.headers.authorization) ?? url.searchParams.get("access_token") ?? undefined;
}

export function requestScheme(req: IncomingMessage): "http" | "https" {
  return (req.socket as TLSSocket).encrypted ? "https" : "http";
}

/** The mock's own origin as the caller reached it (`http://localhost:8888`). */
export function requestOrigin(req: IncomingMessage): string {
  return `${requestScheme(req)}://${req.headers.host ?? "localhost"}`;
}

/** Answers an upgrade request with a plain HTTP error and drops the socket. */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  socket.on("error", () => {});
  const body = Buffer.from(text, "utf8");
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}`,
    "Connection: close",
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${body.length}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body]));
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  409: "Conflict",
};
