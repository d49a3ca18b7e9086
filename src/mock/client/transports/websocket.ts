// WebSockets: one hub frame per WebSocket message, text for JSON and binary for MessagePack.
import { type RawData, WebSocket } from "ws";
import type { Transport, TransportOwner } from "./transport.js";

export class WebSocketTransport implements Transport {
  readonly kind = "WebSockets";
  readonly transferFormats = ["Text", "Binary"] as const;

  constructor(
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
  ) {}

  send(frame: Buffer, binary: boolean): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      // The client stopped reading: dropping it is kinder to everyone else than buffering without bound.
      this.socket.terminate();
      return;
    }
    this.socket.send(frame, { binary });
  }

  drop(): void {
    this.socket.terminate();
  }

  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(1000);
    }
  }
}

/** Wires an upgraded socket to its session. */
export function attachWebSocket(
  socket: WebSocket,
  owner: TransportOwner,
  maxBufferedBytes: number,
): WebSocketTransport {
  const transport = new WebSocketTransport(socket, maxBufferedBytes);
  socket.on("message", (data: RawData) => owner.receive(toBuffer(data)));
  // 1006: no close frame (a dropped network), which a stateful-reconnect client may resume.
  socket.on("close", (code: number) => owner.transportClosed(`websocket closed (${code})`, code === 1006));
  // ws closes the socket itself after an error (oversized message: 1009, bad frame: 1002); the close event follows.
  socket.on("error", () => {});
  return transport;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
