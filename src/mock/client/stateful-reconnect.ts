// Stateful reconnect (ASP.NET Core 8+, Azure SignalR): sequence ids on what the mock sends, the client's Acks, a
// window in which a dropped WebSocket may come back with the same connectionToken, and the replay of unacked
// messages after a Sequence message, so a `withStatefulReconnect()` client loses nothing and sees nothing twice.
import { encode } from "@msgpack/msgpack";
import type { HubProtocol } from "./protocols/hub-protocol.js";
import { frameMessagePack } from "./protocols/messagepack.js";

export function encodeSequence(protocol: HubProtocol, sequenceId: number): Buffer {
  return protocol.name === "json"
    ? Buffer.from(`${JSON.stringify({ type: 9, sequenceId })}\u001e`, "utf8")
    : frameMessagePack(encode([9, sequenceId]));
}

export interface ReconnectSettings {
  /** How long a dropped connection waits for its client to come back. */
  windowMs: number;
  /** Unacked bytes kept for replay; beyond this the connection ends (as the client's own buffer limit does). */
  maxBufferedBytes: number;
}

/** The per-connection state; the session calls it at its few hook points. */
export class StatefulReconnect {
  private buffer: Array<{ id: number; frame: Buffer }> = [];
  private nextId = 1;
  private bytes = 0;
  /** When detached: the deadline for the client to come back. */
  private detachedUntil: number | undefined;

  constructor(private readonly settings: ReconnectSettings) {}

  get detached(): boolean {
    return this.detachedUntil !== undefined;
  }

  /** An invocation frame is being sent: numbered and kept until acked. False when the buffer overflowed. */
  record(frame: Buffer): boolean {
    this.buffer.push({ id: this.nextId++, frame });
    this.bytes += frame.length;
    return this.bytes <= this.settings.maxBufferedBytes;
  }

  /** The client's Ack: everything up to `sequenceId` arrived. */
  ack(sequenceId: number | undefined): void {
    if (sequenceId === undefined) return;
    let drop = 0;
    while (drop < this.buffer.length && this.buffer[drop]!.id <= sequenceId) {
      this.bytes -= this.buffer[drop]!.frame.length;
      drop += 1;
    }
    if (drop > 0) this.buffer = this.buffer.slice(drop);
  }

  /** The transport dropped without a clean close: keep the connection for the window. */
  detach(now: number): void {
    this.detachedUntil = now + this.settings.windowMs;
  }

  expired(now: number): boolean {
    return this.detachedUntil !== undefined && now >= this.detachedUntil;
  }

  /** The client is back: the Sequence frame (first unacked id) and then every unacked message, in order. */
  resume(protocol: HubProtocol): Buffer[] {
    this.detachedUntil = undefined;
    const first = this.buffer[0]?.id ?? this.nextId;
    return [encodeSequence(protocol, first), ...this.buffer.map((b) => b.frame)];
  }

  /** Unacked messages (for tests and the admin view). */
  get pending(): number {
    return this.buffer.length;
  }
}
