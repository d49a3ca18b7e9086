// CORS for browsers on another origin (a dev server on :5173 talking to the mock): allowed origins, with credentials.
import type { IncomingMessage, ServerResponse } from "node:http";

const DEFAULT_ALLOWED_HEADERS = "authorization, content-type, x-requested-with, x-signalr-user-agent";

/** Which origins may call with credentials (see network-policy.ts: loopback pages and `--cors-origin`). */
export type OriginCheck = (origin: string) => boolean;

/**
 * Echoes an allowed caller's origin (a wildcard is not allowed with credentials, and the SignalR client sends them).
 * Any other origin gets no CORS headers, so the browser keeps the answer from the page.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowOrigin: OriginCheck): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader("Vary", "Origin");
  if (!allowOrigin(origin)) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse, allowOrigin: OriginCheck): void {
  applyCors(req, res, allowOrigin);
  const origin = req.headers.origin;
  const allowed = origin !== undefined && allowOrigin(origin);
  res.writeHead(
    204,
    allowed
      ? {
          "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
          "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? DEFAULT_ALLOWED_HEADERS,
          "Access-Control-Max-Age": "600",
          "Content-Length": "0",
        }
      : { "Content-Length": "0" },
  );
  res.end();
}
