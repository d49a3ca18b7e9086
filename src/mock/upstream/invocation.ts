// A client's Invocation/StreamInvocation read from its unframed bytes, and the body an upstream receives for it.
import { decode } from "@msgpack/msgpack";

export type ProtocolName = "json" | "messagepack";

export interface ClientInvocation {
  /** 1 Invocation, 4 StreamInvocation. */
  type: number;
  /** Present for `invoke()` (a Completion is expected), absent for `send()`. */
  invocationId?: string;
  target: string;
  arguments: unknown[];
  /** What the upstream receives: JSON re-serialised without 0x1E, or the MessagePack array without its length prefix. */
  body: Buffer;
}

/** Reads one invocation; a string is the reason it is malformed. */
export function decodeInvocation(protocol: ProtocolName, payload: Uint8Array): ClientInvocation | string {
  return protocol === "json" ? decodeJson(payload) : decodeMessagePack(payload);
}

function decodeJson(payload: Uint8Array): ClientInvocation | string {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(Buffer.from(payload).toString("utf8")) as Record<string, unknown>;
  } catch {
    return "Invalid JSON hub message.";
  }
  const { type, headers, invocationId, target, arguments: args, streamIds } = value;
  if (typeof target !== "string" || target === "") return "An invocation needs a non-empty 'target'.";
  if (!Array.isArray(args)) return "An invocation needs an 'arguments' array.";
  if (invocationId !== undefined && invocationId !== null && typeof invocationId !== "string") {
    return "The 'invocationId' of an invocation must be a string.";
  }
  // The order ASP.NET Core's JsonHubProtocol writes, which is what the emulator forwards after re-serialising.
  const ordered: Record<string, unknown> = { type };
  if (isObject(headers) && Object.keys(headers).length > 0) ordered.headers = headers;
  if (typeof invocationId === "string") ordered.invocationId = invocationId;
  ordered.target = target;
  ordered.arguments = args;
  if (Array.isArray(streamIds) && streamIds.length > 0) ordered.streamIds = streamIds;
  return {
    type: type as number,
    ...(typeof invocationId === "string" ? { invocationId } : {}),
    target,
    arguments: args,
    body: Buffer.from(JSON.stringify(ordered), "utf8"),
  };
}

function decodeMessagePack(payload: Uint8Array): ClientInvocation | string {
  let value: unknown;
  try {
    value = decode(payload);
  } catch {
    return "Invalid MessagePack hub message.";
  }
  // [type, headers, invocationId | nil, target, arguments, streamIds?]
  if (!Array.isArray(value) || value.length < 5) return "A MessagePack invocation is an array of at least 5 items.";
  const [type, , invocationId, target, args] = value as unknown[];
  if (typeof target !== "string" || target === "") return "An invocation needs a non-empty target.";
  if (!Array.isArray(args)) return "An invocation needs an arguments array.";
  if (invocationId !== null && invocationId !== undefined && typeof invocationId !== "string") {
    return "The invocation id of an invocation must be a string or nil.";
  }
  return {
    type: type as number,
    ...(typeof invocationId === "string" ? { invocationId } : {}),
    target,
    arguments: args,
    body: Buffer.from(payload),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
