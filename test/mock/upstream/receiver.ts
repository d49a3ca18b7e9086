// A small upstream written for the tests, shaped like the Functions SignalR trigger: checks the signature, content
// type and headers, and answers invocations with a framed Completion in the caller's protocol.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decode, encode } from "@msgpack/msgpack";

export interface ReceivedCall {
  /** Path and query the upstream was called on. */
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** For JSON bodies, the parsed value. */
  json?: unknown;
  signatureOk: boolean;
}

export type MethodImpl = (args: unknown[]) => unknown;

export interface ReceiverOptions {
  accessKey: string;
  /** Hub methods by lower-case name; a missing one answers 404 as the Functions dispatcher does. */
  methods?: Record<string, MethodImpl>;
  /** Replaces the whole answer (for broken receivers). */
  override?: (call: ReceivedCall, res: import("node:http").ServerResponse) => boolean;
}

export interface Receiver {
  url: string;
  calls: ReceivedCall[];
  /** Resolves once `count` calls have arrived. */
  waitFor(count: number): Promise<ReceivedCall[]>;
  close(): Promise<void>;
}

export function signFor(key: string, connectionId: string): string {
  return `sha256=${createHmac("sha256", key).update(connectionId).digest("hex").toUpperCase()}`;
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const calls: ReceivedCall[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const id = String(req.headers["x-asrs-connection-id"] ?? "");
      const expected = signFor(options.accessKey, id).toLowerCase();
      const signatureOk = String(req.headers["x-asrs-signature"] ?? "")
        .split(",")
        .some((s) => s.toLowerCase() === expected);
      const type = String(req.headers["content-type"] ?? "");
      const call: ReceivedCall = { url: req.url ?? "", headers: req.headers, body, signatureOk };
      if (type.startsWith("application/json")) {
        try {
          call.json = JSON.parse(body.toString("utf8"));
        } catch {
          // recorded as is
        }
      }
      calls.push(call);
      for (const wake of waiters.splice(0)) wake();
      if (options.override?.(call, res)) return;
      if (!type.startsWith("application/json") && !type.startsWith("application/x-msgpack"))
        return void res.writeHead(415).end();
      if (!req.headers["x-asrs-hub"] || !req.headers["x-asrs-category"] || !req.headers["x-asrs-event"])
        return void res.writeHead(400).end();
      if (!signatureOk) return void res.writeHead(401, "Signature validation failed").end();
      if (req.headers["x-asrs-category"] === "connections") return void res.writeHead(200).end();
      const impl = options.methods?.[String(req.headers["x-asrs-event"]).toLowerCase()];
      if (!impl) return void res.writeHead(404).end();
      const msgpack = type.startsWith("application/x-msgpack");
      const message = msgpack ? (decode(body) as unknown[]) : (call.json as Record<string, unknown>);
      const invocationId = msgpack ? (message as unknown[])[2] : (message as Record<string, unknown>).invocationId;
      const args = (msgpack ? (message as unknown[])[4] : (message as Record<string, unknown>).arguments) as unknown[];
      let outcome: { result?: unknown; error?: string };
      try {
        outcome = { result: impl(args) };
      } catch (error) {
        outcome = { error: (error as Error).message };
      }
      if (typeof invocationId !== "string") return void res.writeHead(200).end();
      res.writeHead(200, { "Content-Type": msgpack ? "application/x-msgpack" : "application/json" });
      res.end(msgpack ? frameMsgpack(invocationId, outcome) : frameJson(invocationId, outcome));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    async waitFor(count) {
      while (calls.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return calls;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function frameJson(invocationId: string, outcome: { result?: unknown; error?: string }): string {
  const message =
    outcome.error !== undefined
      ? { type: 3, invocationId, error: outcome.error }
      : { type: 3, invocationId, result: outcome.result ?? null };
  return `${JSON.stringify(message)}\u001e`;
}

function frameMsgpack(invocationId: string, outcome: { result?: unknown; error?: string }): Buffer {
  const payload = encode(
    outcome.error !== undefined
      ? [3, {}, invocationId, 1, outcome.error]
      : [3, {}, invocationId, 3, outcome.result ?? null],
  );
  const prefix: number[] = [];
  let length = payload.byteLength;
  do {
    let byte = length & 0x7f;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    prefix.push(byte);
  } while (length > 0);
  return Buffer.concat([Buffer.from(prefix), payload]);
}
