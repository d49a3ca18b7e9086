// `hubkit proxy`: a recorder in front of Prism's validation proxy, which forwards to the upstream implementation.
// Prism passes the upstream's answers through (no `--errors`) and lists violations in `sl-violations`; the recorder
// keeps each exchange with its violations so the session can be written as a conformance report.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { redactHeaders } from "../auth/redact.js";
import { HubkitError } from "../errors.js";
import { createRunResult } from "../results/create-run-result.js";
import type { HttpExchange, RunResult } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import { startPrism } from "./prism-process.js";
import { type ProxyRecord, recordToTest } from "./proxy-record.js";
import { parseViolations, prismFailure } from "./violations.js";

export interface ValidationProxyOptions {
  upstream: string;
  /** The port clients use; default (or 0) a free one. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: hubkit's OpenAPI document. */
  specPath?: string;
  /** The index of that document, built by the entry point. */
  spec: SpecIndex;
  /** Called after each exchange (the CLI prints a line). */
  onRecord?: (record: ProxyRecord) => void;
}

export interface ValidationProxy {
  /** Where clients send requests. */
  readonly url: string;
  readonly records: readonly ProxyRecord[];
  /** The session so far as a RunResult (one test per exchange). */
  result(): RunResult;
  /** Stops the recorder and Prism; returns the session's RunResult. */
  stop(): Promise<RunResult>;
}

/** Hop-by-hop headers are the connection's business, not the message's. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length"]);
const MAX_RECORDED_BODY = 64 * 1024;

export async function startValidationProxy(options: ValidationProxyOptions): Promise<ValidationProxy> {
  const { spec } = options;
  const host = options.host ?? "127.0.0.1";
  const prism = await startPrism({ mode: "proxy", upstream: options.upstream, specPath: options.specPath, host });
  const records: ProxyRecord[] = [];
  let received = 0;
  const startedAt = new Date();
  const server = createServer((req, res) => {
    const index = ++received;
    forward({ req, res, prismUrl: prism.url, spec, index })
      .then((record) => {
        records.push(record);
        options.onRecord?.(record);
      })
      .catch((error: Error) => {
        // Only a broken client socket gets here; there is no exchange to record.
        if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain" });
        res.end(`hubkit proxy: ${error.message}`);
      });
  });
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    await prism.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const result = () =>
    createRunResult({
      tests: [...records].sort((a, b) => a.index - b.index).map((r) => recordToTest(r, spec)),
      target: { kind: "live", endpoint: redactUrl(options.upstream) },
      apiVersion: spec.apiVersion,
      startedAt,
      finishedAt: new Date(),
    });
  let stopped: Promise<RunResult> | undefined;
  return {
    url: `http://${host}:${port}`,
    records,
    result,
    stop: () => {
      stopped ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await prism.stop();
        return result();
      })();
      return stopped;
    },
  };
}

interface ForwardContext {
  req: IncomingMessage;
  res: ServerResponse;
  prismUrl: string;
  spec: SpecIndex;
  index: number;
}

async function forward({ req, res, prismUrl, spec, index }: ForwardContext): Promise<ProxyRecord> {
  const body = await readBody(req);
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const headers = forwardableHeaders(req.headers);
  const started = performance.now();
  const answer = await send(prismUrl + url, { method, headers, body });
  const responseBody = answer.body;
  const durationMs = Math.round(performance.now() - started);
  const responseHeaders = answer.headers;
  res.writeHead(answer.statusCode, withoutHopByHop(responseHeaders, responseBody.length, method));
  res.end(method === "HEAD" ? undefined : responseBody);

  const match = spec.router.match(method, url.split("?")[0] ?? "/");
  const responseText = responseBody.toString("utf8");
  const exchange: HttpExchange = {
    request: { method, url, headers: redactHeaders(flatten(req.headers)), ...textBody(body.toString("utf8")) },
    response: { status: answer.statusCode, headers: responseHeaders, ...textBody(responseText) },
    durationMs,
  };
  const record: ProxyRecord = {
    index,
    method,
    url,
    status: answer.statusCode,
    violations: parseViolations(responseHeaders["sl-violations"]),
    exchange,
  };
  if (match.kind === "matched") record.operationId = match.match.operation.operationId;
  const failure = answer.error ?? prismFailure(answer.statusCode, responseHeaders["content-type"], responseText);
  if (failure) record.prismError = failure;
  return record;
}

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
  error?: string;
}

/** Prism unreachable (stopped, crashed) becomes a 502 the client sees and an errored record in the report. */
async function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body: Buffer },
): Promise<Answer> {
  try {
    const answer = await request(url, {
      method: init.method as "GET",
      headers: init.headers,
      body: init.body.length > 0 ? init.body : undefined,
    });
    const body = Buffer.from(await answer.body.arrayBuffer());
    return { statusCode: answer.statusCode, headers: flatten(answer.headers), body };
  } catch (error) {
    const message = `Prism did not answer: ${(error as Error).message}`;
    return { statusCode: 502, headers: { "content-type": "text/plain" }, body: Buffer.from(message), error: message };
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function forwardableHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function withoutHopByHop(headers: Record<string, string>, length: number, method: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) out[name] = value;
  // Prism's HEAD answers carry no Content-Length; keep the upstream's when there is one, never invent one for HEAD.
  if (method !== "HEAD") out["content-length"] = String(length);
  else if (headers["content-length"] !== undefined) out["content-length"] = headers["content-length"];
  return out;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function textBody(text: string): { body?: string } {
  if (text === "") return {};
  return { body: text.length > MAX_RECORDED_BODY ? `${text.slice(0, MAX_RECORDED_BODY)}…` : text };
}

/** Endpoints in reports never carry credentials or query strings (a key could hide there). */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/$/, "")}`;
  } catch {
    return url;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const busy = error.code === "EADDRINUSE";
      reject(
        new HubkitError(busy ? `Port ${port} is already in use on ${host}.` : `Cannot listen on ${host}:${port}.`, {
          code: busy ? "E_PORT_IN_USE" : "E_LISTEN",
          hint: "Pick another port with --port (0 picks a free one).",
          cause: error,
        }),
      );
    });
    server.listen(port, host, () => {
      server.removeAllListeners("error");
      resolve();
    });
  });
}
