// Sends one upstream request over HTTP with a per-call timeout and a response-size cap; never throws.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { UpstreamRequest } from "./upstream-request.js";

/** What came back, or why nothing did. */
export type UpstreamAnswer =
  | { kind: "response"; status: number; body: Buffer }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "unreachable"; error: string }
  | { kind: "tooLarge"; status: number; limit: number };

export interface HttpUpstreamOptions {
  /** Default 100 s, as the service. */
  timeoutMs: number;
  /** Default 16 MiB, as the emulator. */
  maxResponseBytes: number;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 100_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export function sendHttpUpstream(request: UpstreamRequest, options: HttpUpstreamOptions): Promise<UpstreamAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: UpstreamAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      finish({ kind: "unreachable", error: `invalid URL ${request.url}` });
      return;
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(url, {
      method: "POST",
      headers: { ...request.headers, "Content-Length": String(request.body.length) },
    });
    const timer = setTimeout(() => {
      finish({ kind: "timeout", timeoutMs: options.timeoutMs });
      req.destroy();
    }, options.timeoutMs);
    timer.unref();
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({ kind: "unreachable", error: error.code ?? error.message }),
    );
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxResponseBytes) {
          finish({ kind: "tooLarge", status, limit: options.maxResponseBytes });
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => finish({ kind: "response", status, body: Buffer.concat(chunks) }));
      res.on("error", (error) => finish({ kind: "unreachable", error: error.message }));
      res.on("aborted", () => finish({ kind: "unreachable", error: "the response was cut off" }));
    });
    req.end(request.body);
  });
}
