// The transport seam: how a hub session writes frames to a client and ends the connection.
import type { TransferFormat } from "../protocols/hub-protocol.js";

export type TransportKind = "WebSockets" | "ServerSentEvents" | "LongPolling";

export interface Transport {
  readonly kind: TransportKind;
  /** Formats this transport can carry; the handshake refuses a protocol whose format is not listed. */
  readonly transferFormats: readonly TransferFormat[];
  /** Writes (or queues) one encoded frame; never throws. */
  send(frame: Buffer, binary: boolean): void;
  /** Ends the connection after what was already sent; idempotent. */
  close(): void;
  /** Called by the shared heartbeat (long polling answers idle polls here). */
  tick?(now: number): void;
  /**
   * True when the transport itself shows the client is there (long polling: its polls), as ASP.NET Core's
   * inherent keep-alive: no pings are sent, and clients do not send any either.
   */
  readonly inherentKeepAlive?: boolean;
  /** Cuts the connection without any closing handshake (the `drop` fault). */
  drop?(): void;
}

/** What every transport reports back to its session. */
export interface TransportOwner {
  /** Client bytes (a WebSocket message or a POST body). */
  receive(data: Buffer): void;
  /** The client side went away (socket closed, stream aborted, DELETE). */
  transportClosed(reason: string, abrupt?: boolean): void;
  /** The client showed it is alive without sending data (a long poll arrived, is waiting, or ended). */
  heard(): void;
}

/** Cut a client off when this much output is waiting for it: a slow reader must not grow the mock without bound. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
