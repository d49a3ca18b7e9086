// Framed hub-protocol Completion messages: what an in-process handler answers with, and the mock's own errors.
import { decode, encode } from "@msgpack/msgpack";
import { frameMessagePack } from "../client/protocols/messagepack.js";
import type { ProtocolName } from "./invocation.js";

export type CompletionOutcome =
  | { kind: "result"; value: unknown }
  | { kind: "error"; error: string }
  | { kind: "void" };

/** `{"type":3,"invocationId":..,"result":..}` + 0x1E, or MessagePack `[3, {}, id, resultKind, value?]` framed. */
export function encodeCompletion(protocol: ProtocolName, invocationId: string, outcome: CompletionOutcome): Buffer {
  if (protocol === "json") {
    const message: Record<string, unknown> = { type: 3, invocationId };
    if (outcome.kind === "error") message.error = outcome.error;
    else if (outcome.kind === "result") message.result = outcome.value ?? null;
    return Buffer.from(`${JSON.stringify(message)}\u001e`, "utf8");
  }
  const items: unknown[] =
    outcome.kind === "error"
      ? [3, {}, invocationId, 1, outcome.error]
      : outcome.kind === "void"
        ? [3, {}, invocationId, 2]
        : [3, {}, invocationId, 3, outcome.value ?? null];
  return frameMessagePack(encode(items, { ignoreUndefined: true }));
}

/** What a Completion frame says, or a reason why `body` is not one framed Completion for `invocationId`. */
export function readCompletion(
  protocol: ProtocolName,
  body: Uint8Array,
  invocationId: string,
): { ok: true; outcome: CompletionOutcome } | { ok: false; reason: string } {
  const parsed = protocol === "json" ? readJson(body) : readMessagePack(body);
  if (!parsed.ok) return parsed;
  if (parsed.id !== invocationId) {
    return {
      ok: false,
      reason: `the Completion is for invocation ${JSON.stringify(parsed.id)}, expected ${JSON.stringify(invocationId)}`,
    };
  }
  return { ok: true, outcome: parsed.outcome };
}

type Parsed = { ok: true; id: unknown; outcome: CompletionOutcome } | { ok: false; reason: string };

function readJson(body: Uint8Array): Parsed {
  const text = Buffer.from(body).toString("utf8");
  if (!text.endsWith("\u001e"))
    return { ok: false, reason: "a JSON Completion must end with the record separator 0x1E" };
  if (text.indexOf("\u001e") !== text.length - 1) return { ok: false, reason: "the body holds more than one message" };
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text.slice(0, -1)) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "the body is not JSON followed by 0x1E" };
  }
  if (typeof value !== "object" || value === null || value.type !== 3) {
    return { ok: false, reason: 'expected a Completion message ({"type":3,...})' };
  }
  const outcome: CompletionOutcome =
    typeof value.error === "string"
      ? { kind: "error", error: value.error }
      : "result" in value
        ? { kind: "result", value: value.result }
        : { kind: "void" };
  return { ok: true, id: value.invocationId, outcome };
}

function readMessagePack(body: Uint8Array): Parsed {
  let length = 0;
  let start = -1;
  for (let i = 0; i < 5 && i < body.length; i++) {
    const byte = body[i]!;
    length += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) {
      start = i + 1;
      break;
    }
  }
  if (start < 0) return { ok: false, reason: "the MessagePack length prefix is missing or too long" };
  if (start + length !== body.length) {
    return { ok: false, reason: `the length prefix says ${length} bytes but ${body.length - start} follow` };
  }
  let value: unknown;
  try {
    value = decode(body.subarray(start));
  } catch {
    return { ok: false, reason: "the body is not valid MessagePack" };
  }
  if (!Array.isArray(value) || value[0] !== 3 || value.length < 4) {
    return { ok: false, reason: "expected a MessagePack Completion array [3, headers, invocationId, resultKind, ...]" };
  }
  const kind = value[3];
  const outcome: CompletionOutcome =
    kind === 1
      ? { kind: "error", error: String(value[4]) }
      : kind === 3
        ? { kind: "result", value: value[4] }
        : { kind: "void" };
  return { ok: true, id: value[2], outcome };
}
