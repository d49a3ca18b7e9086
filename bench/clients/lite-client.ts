// One lightweight SignalR client: negotiate, WebSocket, JSON hub handshake, then invocations; nothing else.
import type { Pool } from "undici";
import { WebSocket } from "ws";
import { withTimeout } from "../lib/ipc.js";

const RS = "\u001e";
const HANDSHAKE = `{"protocol":"json","version":1}${RS}`;
const PING = `{"type":6}${RS}`;

export interface LiteClientEvents {
  onInvocation(client: LiteClient, target: string, args: unknown[]): void;
  /** The socket ended without our asking (a Close message or a dropped transport). */
  onUnexpectedClose(client: LiteClient, detail: string): void;
}

export interface ConnectOptions {
  /** Pool on the mock's origin, for negotiate. */
  pool: Pool;
  /** `ws://127.0.0.1:PORT` */
  wsOrigin: string;
  hub: string;
  token: string;
  events: LiteClientEvents;
  timeoutMs: number;
}

export class LiteClient {
  private closing = false;
  member = false;

  constructor(
    readonly connectionId: string,
    private readonly socket: WebSocket,
  ) {}

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  ping(): void {
    if (this.open) this.socket.send(PING);
  }

  /** Client-initiated close; resolves when the socket is closed (or after `timeoutMs`, then it is destroyed). */
  async close(timeoutMs = 5000): Promise<void> {
    this.closing = true;
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once("close", () => resolve()));
    this.socket.close(1000);
    await withTimeout(closed, timeoutMs, "close handshake").catch(() => this.socket.terminate());
  }

  get isClosing(): boolean {
    return this.closing;
  }
}

export async function connectLiteClient(options: ConnectOptions): Promise<LiteClient> {
  const negotiated = await negotiate(options);
  const url = `${options.wsOrigin}/client/?hub=${encodeURIComponent(options.hub)}&id=${encodeURIComponent(negotiated.connectionToken)}`;
  const socket = new WebSocket(url, {
    headers: { authorization: `Bearer ${options.token}` },
    perMessageDeflate: false,
  });
  const client = new LiteClient(negotiated.connectionId, socket);
  const handshake = new Promise<void>((resolve, reject) => {
    let shaken = false;
    socket.once("open", () => socket.send(HANDSHAKE));
    socket.on("error", (error) => {
      if (!shaken) reject(error);
    });
    socket.on("close", (code) => {
      if (!shaken) reject(new Error(`socket closed (${code}) before the handshake answer`));
      else if (!client.isClosing) options.events.onUnexpectedClose(client, `socket closed with ${code}`);
    });
    socket.on("message", (data: Buffer) => {
      for (const frame of data.toString("utf8").split(RS)) {
        if (frame === "") continue;
        if (!shaken) {
          shaken = true;
          if (frame === "{}") resolve();
          else reject(new Error(`handshake refused: ${frame.slice(0, 200)}`));
          continue;
        }
        readFrame(client, frame, options.events);
      }
    });
  });
  try {
    await withTimeout(handshake, options.timeoutMs, "WebSocket connect and handshake");
  } catch (error) {
    socket.terminate();
    throw error;
  }
  return client;
}

function readFrame(client: LiteClient, frame: string, events: LiteClientEvents): void {
  const message = JSON.parse(frame) as { type?: number; target?: string; arguments?: unknown[]; error?: string };
  if (message.type === 1 && typeof message.target === "string")
    events.onInvocation(client, message.target, message.arguments ?? []);
  else if (message.type === 7 && !client.isClosing)
    events.onUnexpectedClose(client, `Close message ${message.error ?? ""}`.trim());
}

async function negotiate(options: ConnectOptions): Promise<{ connectionId: string; connectionToken: string }> {
  const res = await options.pool.request({
    method: "POST",
    path: `/client/negotiate?hub=${encodeURIComponent(options.hub)}&negotiateVersion=1`,
    headers: { authorization: `Bearer ${options.token}` },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`negotiate answered ${res.statusCode}: ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as { connectionId?: string; connectionToken?: string };
  if (!body.connectionId || !body.connectionToken) throw new Error(`negotiate answer lacks ids: ${text.slice(0, 200)}`);
  return { connectionId: body.connectionId, connectionToken: body.connectionToken };
}
