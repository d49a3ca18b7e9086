// CORS for browsers on another origin (a dev server on :5173 talking to the mock): any origin, with credentials.
import type { IncomingMessage, ServerResponse } from "node:http";

const DEFAULT_ALLOWED_HEADERS = "authorization, content-type, x-requested-with, x-signalr-user-agent";

/** Echoes the caller's origin (a wildcard is not allowed with credentials, and the SignalR client sends them). */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Vary", "Origin");
}

export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  applyCors(req, res);
  res.writeHead(204, {
    "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? DEFAULT_ALLOWED_HEADERS,
    "Access-Control-Max-Age": "600",
    "Content-Length": "0",
  });
  res.end();
}
