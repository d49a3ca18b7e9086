// The MessagePack hub protocol: binary frames, each a varint length prefix then one MessagePack array.
import { decode, encode } from "@msgpack/msgpack";
import type { OutboundInvocation } from "../../messages.js";
import type { ClientMessage, CompletionMessage, HubProtocol, ParsedMessages } from "./hub-protocol.js";
import { MessageType } from "./hub-protocol.js";

/** The ASP.NET Core spec caps the prefix at 5 bytes (lengths below 2 GB). */
const MAX_PREFIX_BYTES = 5;

export function frameMessagePack(payload: Uint8Array): Buffer {
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

const frame = (value: unknown): Buffer => frameMessagePack(encode(value));

const encodeInvocation = (message: OutboundInvocation): Buffer =>
  frame([MessageType.Invocation, {}, message.invocationId ?? null, message.target, message.args]);

export const messagePackProtocol: HubProtocol = {
  name: "messagepack",
  transferFormat: "Binary",
  ping: frame([MessageType.Ping]),
  encodeInvocation: (message) => message.encodedAs("messagepack", encodeInvocation),
  encodeClose: (error, allowReconnect) => frame([MessageType.Close, error ?? null, allowReconnect]),
  parse: parseMessagePackMessages,
};

function parseMessagePackMessages(data: Buffer): ParsedMessages {
  const messages: ClientMessage[] = [];
  let offset = 0;
  while (offset < data.length) {
    const prefix = readLengthPrefix(data, offset);
    if (prefix === undefined) break;
    const end = prefix.start + prefix.length;
    if (end > data.length) break;
    messages.push({ ...toClientMessage(data.subarray(prefix.start, end)), payload: data.subarray(prefix.start, end) });
    offset = end;
  }
  return { messages, rest: offset < data.length ? data.subarray(offset) : undefined };
}

/** Undefined when the prefix itself is cut off (more bytes will come). */
export function readLengthPrefix(data: Buffer, offset: number): { length: number; start: number } | undefined {
  let length = 0;
  for (let i = 0; i < MAX_PREFIX_BYTES; i++) {
    const byte = data[offset + i];
    if (byte === undefined) return undefined;
    length += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { length, start: offset + i + 1 };
  }
  throw new Error("Invalid MessagePack hub message: the length prefix is longer than 5 bytes.");
}

function toClientMessage(payload: Uint8Array): ClientMessage {
  let value: unknown;
  try {
    value = decode(payload);
  } catch {
    throw new Error("Invalid MessagePack hub message: the payload is not valid MessagePack.");
  }
  if (!Array.isArray(value) || typeof value[0] !== "number") {
    throw new Error("Invalid MessagePack hub message: expected an array whose first item is the message type.");
  }
  const type = value[0];
  // Invocation and StreamInvocation: [type, headers, invocationId, target, arguments, streamIds?].
  const target = type === MessageType.Invocation || type === MessageType.StreamInvocation ? value[3] : undefined;
  const error = type === MessageType.Close ? value[1] : undefined;
  // Ack and Sequence: [type, sequenceId].
  const sequenceId = type === MessageType.Ack || type === MessageType.Sequence ? value[1] : undefined;
  return {
    type,
    ...(typeof target === "string" ? { target } : {}),
    ...(typeof error === "string" ? { error } : {}),
    ...(type === MessageType.Completion ? { completion: messagePackCompletion(value) } : {}),
    ...(typeof sequenceId === "number" ? { sequenceId } : {}),
  };
}

/** `[3, headers, invocationId, resultKind, result?]`: resultKind 1 = error, 2 = void, 3 = a value. */
function messagePackCompletion(value: unknown[]): CompletionMessage {
  const invocationId = typeof value[2] === "string" ? value[2] : "";
  if (value[3] === 1) return { invocationId, hasResult: false, error: String(value[4] ?? "") };
  if (value[3] === 3) return { invocationId, hasResult: true, result: value[4] };
  return { invocationId, hasResult: false };
}
