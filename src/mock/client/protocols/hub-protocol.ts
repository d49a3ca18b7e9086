// The hub-protocol seam: how a session encodes what the mock sends and decodes what a client sends.
import type { OutboundInvocation } from "../../messages.js";

/** ASP.NET Core hub message types (the mock only needs their numbers). */
export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const;

/** What the mock reads from a client message: its type, and the target of an invocation (for the Close error). */
export interface ClientMessage {
  type: number;
  target?: string;
  error?: string;
  /** The message bytes without framing (no 0x1E, no length prefix): what an upstream receives. */
  payload?: Uint8Array;
  /** Completion (3) only: the answer to a server-initiated invocation (REST `:invoke`). */
  completion?: CompletionMessage;
  /** Ack (8) and Sequence (9): the stateful-reconnect sequence id. */
  sequenceId?: number;
}

export interface CompletionMessage {
  invocationId: string;
  /** Present when the client returned a value (`null` included). */
  result?: unknown;
  hasResult: boolean;
  error?: string;
}

export type TransferFormat = "Text" | "Binary";

/** Result of reading bytes from a client: whole messages, plus an unfinished tail to prepend to the next chunk. */
export interface ParsedMessages {
  messages: ClientMessage[];
  rest: Buffer | undefined;
}

export interface HubProtocol {
  readonly name: "json" | "messagepack";
  readonly transferFormat: TransferFormat;
  readonly ping: Buffer;
  /** Cached on the message, so a broadcast encodes once per protocol. */
  encodeInvocation(message: OutboundInvocation): Buffer;
  encodeClose(error: string | undefined, allowReconnect: boolean): Buffer;
  /** Throws an Error with a readable message on malformed input. */
  parse(data: Buffer): ParsedMessages;
}

/** Hub protocol versions the mock accepts in a handshake (clients without stateful reconnect send 1). */
export const SUPPORTED_VERSIONS: readonly number[] = [1, 2];
