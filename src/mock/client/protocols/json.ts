// The JSON hub protocol: text frames terminated by the record separator 0x1E.
import type { OutboundInvocation } from "../../messages.js";
import type { ClientMessage, CompletionMessage, HubProtocol, ParsedMessages } from "./hub-protocol.js";
import { MessageType } from "./hub-protocol.js";

export const RECORD_SEPARATOR = 0x1e;

const frame = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value)}\u001e`, "utf8");

const encodeInvocation = (message: OutboundInvocation): Buffer =>
  frame(
    message.invocationId === undefined
      ? { type: MessageType.Invocation, target: message.target, arguments: message.args }
      : {
          type: MessageType.Invocation,
          invocationId: message.invocationId,
          target: message.target,
          arguments: message.args,
        },
  );

export const jsonProtocol: HubProtocol = {
  name: "json",
  transferFormat: "Text",
  ping: frame({ type: MessageType.Ping }),
  encodeInvocation: (message) => message.encodedAs("json", encodeInvocation),
  encodeClose: (error, allowReconnect) =>
    frame(
      error === undefined
        ? { type: MessageType.Close, allowReconnect }
        : { type: MessageType.Close, error, allowReconnect },
    ),
  parse: parseJsonMessages,
};

function parseJsonMessages(data: Buffer): ParsedMessages {
  const messages: ClientMessage[] = [];
  let start = 0;
  for (let end = data.indexOf(RECORD_SEPARATOR); end >= 0; end = data.indexOf(RECORD_SEPARATOR, start)) {
    messages.push({ ...toClientMessage(data.toString("utf8", start, end)), payload: data.subarray(start, end) });
    start = end + 1;
  }
  return { messages, rest: start < data.length ? data.subarray(start) : undefined };
}

function toClientMessage(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("Invalid JSON hub message: expected a JSON object followed by 0x1E.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error("Invalid JSON hub message: expected a JSON object with a numeric 'type'.");
  }
  const { type, target, error, sequenceId } = value as Record<string, unknown>;
  if (typeof type !== "number") throw new Error("Invalid JSON hub message: the 'type' property is missing.");
  return {
    type,
    ...(typeof target === "string" ? { target } : {}),
    ...(typeof error === "string" ? { error } : {}),
    ...(type === MessageType.Completion ? { completion: jsonCompletion(value as Record<string, unknown>) } : {}),
    ...(typeof sequenceId === "number" ? { sequenceId } : {}),
  };
}

/** `{"type":3,"invocationId":"1","result":...}` or `{...,"error":"..."}`; a Completion without an id matches nothing. */
function jsonCompletion(value: Record<string, unknown>): CompletionMessage {
  const hasResult = Object.hasOwn(value, "result");
  return {
    invocationId: typeof value.invocationId === "string" ? value.invocationId : "",
    hasResult,
    ...(hasResult ? { result: value.result } : {}),
    ...(typeof value.error === "string" ? { error: value.error } : {}),
  };
}
