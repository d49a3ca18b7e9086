// Hand-driven hub clients for wire-level tests: WebSockets, SSE and long polling, reading JSON or MessagePack frames.
import { request } from "node:http";
import { decode } from "@msgpack/msgpack";
import { WebSocket } from "ws";

export type RawTransport = "WebSockets" | "ServerSentEvents" | "LongPolling";

export interface RawClient {
  /** Client-to-server bytes: a WebSocket message, or a POST body (resolves with its status). */
  send(data: string | Buffer): Promise<number>;
  /** The next server message: the handshake response first, then hub messages, decoded to plain values. */
  next(): Promise<unknown>;
  /** Resolves when the server ended the transport (socket closed, stream ended, poll answered 204). */
  ended: Promise<string>;
  /** Cuts the connection without any goodbye. */
  abort(): void;
}

export interface RawOptions {
  baseUrl: string;
  transport: RawTransport;
  hub: string;
  /** The `id` query value (from negotiate). */
  id: string;
  token: string;
  /** Read frames as MessagePack after the handshake response. */
  binary?: boolean;
}

export async function negotiate(
  baseUrl: string,
  hub: string,
  token: string,
): Promise<{ connectionId: string; connectionToken: string }> {
  const response = await fetch(`${baseUrl}/client/negotiate?hub=${hub}&negotiateVersion=1`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`negotiate answered ${response.status}`);
  return (await response.json()) as { connectionId: string; connectionToken: string };
}

export function openRaw(options: RawOptions): Promise<RawClient> {
  const reader = new FrameReader(options.binary === true);
  const url = `${options.baseUrl}/client/?hub=${options.hub}&id=${encodeURIComponent(options.id)}`;
  if (options.transport === "WebSockets") return openWebSocket(url, options.token, reader);
  if (options.transport === "ServerSentEvents") return openEventStream(url, options.token, reader);
  return openLongPolling(url, options.token, reader);
}

function openWebSocket(url: string, token: string, reader: FrameReader): Promise<RawClient> {
  const ws = new WebSocket(url.replace(/^http/, "ws"), { headers: { Authorization: `Bearer ${token}` } });
  const ended = new Promise<string>((resolve) => ws.on("close", (code) => resolve(`closed ${code}`)));
  ws.on("message", (data: Buffer) => reader.push(data));
  ws.on("error", () => {});
  return new Promise((resolve, reject) => {
    ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
    ws.on("open", () =>
      resolve({
        send: (data) => new Promise((done) => ws.send(data, () => done(0))),
        next: () => reader.next(),
        ended,
        abort: () => ws.terminate(),
      }),
    );
  });
}

function post(url: string, token: string, data: string | Buffer): Promise<number> {
  const body = typeof data === "string" ? data : new Uint8Array(data);
  return fetch(url, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });
}

function openEventStream(url: string, token: string, reader: FrameReader): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: "text/event-stream", Authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream answered ${res.statusCode}`));
      const ended = new Promise<string>((done) => res.on("close", () => done("stream ended")));
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        for (let end = text.indexOf("\r\n\r\n"); end >= 0; end = text.indexOf("\r\n\r\n")) {
          const event = text.slice(0, end);
          text = text.slice(end + 4);
          const data = event
            .split("\r\n")
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6));
          if (data.length > 0) reader.push(Buffer.from(data.join("\n")));
        }
      });
      res.on("error", () => {});
      resolve({ send: (data) => post(url, token, data), next: () => reader.next(), ended, abort: () => req.destroy() });
    });
    req.on("error", () => {});
    req.end();
  });
}

async function openLongPolling(url: string, token: string, reader: FrameReader): Promise<RawClient> {
  const controller = new AbortController();
  const poll = () => fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  const first = await poll();
  await first.arrayBuffer();
  if (first.status !== 200) throw new Error(`first poll answered ${first.status}`);
  const ended = (async () => {
    try {
      for (;;) {
        const response = await poll();
        const body = Buffer.from(await response.arrayBuffer());
        if (response.status === 204) return "poll answered 204";
        if (response.status !== 200) return `poll answered ${response.status}`;
        if (body.length > 0) reader.push(body);
      }
    } catch {
      return "aborted";
    }
  })();
  return { send: (data) => post(url, token, data), next: () => reader.next(), ended, abort: () => controller.abort() };
}

/** Splits server output into messages: JSON records until the handshake is read, then JSON or MessagePack. */
class FrameReader {
  private buffer = Buffer.alloc(0);
  private readonly ready: unknown[] = [];
  private waiting: ((value: unknown) => void) | undefined;
  private handshakeRead = false;

  constructor(private readonly binary: boolean) {}

  push(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (let message = this.take(); message !== undefined; message = this.take()) this.ready.push(message);
    if (this.waiting && this.ready.length > 0) {
      const wake = this.waiting;
      this.waiting = undefined;
      wake(this.ready.shift());
    }
  }

  next(): Promise<unknown> {
    if (this.ready.length > 0) return Promise.resolve(this.ready.shift());
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  private take(): unknown {
    if (!this.binary || !this.handshakeRead) {
      const end = this.buffer.indexOf(0x1e);
      if (end < 0) return undefined;
      const text = this.buffer.toString("utf8", 0, end);
      this.buffer = this.buffer.subarray(end + 1);
      this.handshakeRead = true;
      return JSON.parse(text);
    }
    let length = 0;
    let shift = 0;
    let offset = 0;
    for (;;) {
      const byte = this.buffer[offset];
      if (byte === undefined) return undefined;
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      offset += 1;
      if ((byte & 0x80) === 0) break;
    }
    if (this.buffer.length < offset + length) return undefined;
    const payload = this.buffer.subarray(offset, offset + length);
    this.buffer = this.buffer.subarray(offset + length);
    return decode(payload);
  }
}
