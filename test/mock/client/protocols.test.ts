// The hub protocols and the handshake as pure functions: exact bytes out, tolerant and strict parsing in.
import { decode, encode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { HANDSHAKE_OK, handshakeError, readHandshake } from "../../../src/mock/client/handshake.js";
import type { ClientMessage } from "../../../src/mock/client/protocols/hub-protocol.js";
import { jsonProtocol } from "../../../src/mock/client/protocols/json.js";
import { frameMessagePack, messagePackProtocol } from "../../../src/mock/client/protocols/messagepack.js";
import { OutboundInvocation } from "../../../src/mock/messages.js";

const RS = "\u001e";

describe("JSON hub protocol", () => {
  it("encodes a non-blocking invocation once per message, shared by every recipient", () => {
    const message = new OutboundInvocation("newMessage", ["hi", { n: 1 }]);
    const first = jsonProtocol.encodeInvocation(message);
    expect(first.toString()).toBe(`{"type":1,"target":"newMessage","arguments":["hi",{"n":1}]}${RS}`);
    expect(jsonProtocol.encodeInvocation(message)).toBe(first);
  });

  it("encodes Close with and without an error, and Ping", () => {
    expect(jsonProtocol.encodeClose("bye", true).toString()).toBe(
      `{"type":7,"error":"bye","allowReconnect":true}${RS}`,
    );
    expect(jsonProtocol.encodeClose(undefined, true).toString()).toBe(`{"type":7,"allowReconnect":true}${RS}`);
    expect(jsonProtocol.ping.toString()).toBe(`{"type":6}${RS}`);
  });

  it("reads several messages and keeps an unfinished tail", () => {
    const parsed = jsonProtocol.parse(Buffer.from(`{"type":6}${RS}{"type":1,"target":"x","arguments":[]}${RS}{"ty`));
    expect(parsed.messages.map(withoutPayload)).toEqual([{ type: 6 }, { type: 1, target: "x" }]);
    // The upstream receives each message without its separator.
    expect(Buffer.from(parsed.messages[1]?.payload ?? []).toString()).toBe('{"type":1,"target":"x","arguments":[]}');
    expect(parsed.rest?.toString()).toBe('{"ty');
    const close = jsonProtocol.parse(Buffer.from(`{"type":7,"error":"e"}${RS}`));
    expect({ ...close, messages: close.messages.map(withoutPayload) }).toEqual({
      messages: [{ type: 7, error: "e" }],
      rest: undefined,
    });
  });

  it("throws a readable error on input that is not a hub message", () => {
    expect(() => jsonProtocol.parse(Buffer.from(`nope${RS}`))).toThrow(
      "Invalid JSON hub message: expected a JSON object followed by 0x1E.",
    );
    expect(() => jsonProtocol.parse(Buffer.from(`[1]${RS}`))).toThrow("expected a JSON object with a numeric 'type'");
    expect(() => jsonProtocol.parse(Buffer.from(`{"target":"x"}${RS}`))).toThrow("the 'type' property is missing");
  });
});

describe("MessagePack hub protocol", () => {
  it("frames with a varint length prefix", () => {
    expect([...frameMessagePack(new Uint8Array(0))]).toEqual([0]);
    expect([...frameMessagePack(new Uint8Array(127)).subarray(0, 1)]).toEqual([0x7f]);
    expect([...frameMessagePack(new Uint8Array(128)).subarray(0, 2)]).toEqual([0x80, 0x01]);
    expect([...frameMessagePack(new Uint8Array(16384)).subarray(0, 3)]).toEqual([0x80, 0x80, 0x01]);
  });

  it("encodes invocation, Close and Ping as the ASP.NET Core arrays", () => {
    const message = new OutboundInvocation("t", [1, "a", null]);
    const frame = messagePackProtocol.encodeInvocation(message);
    expect(decode(frame.subarray(1))).toEqual([1, {}, null, "t", [1, "a", null]]);
    expect(messagePackProtocol.encodeInvocation(message)).toBe(frame);
    expect(decode(messagePackProtocol.encodeClose("why", false).subarray(1))).toEqual([7, "why", false]);
    expect(decode(messagePackProtocol.encodeClose(undefined, true).subarray(1))).toEqual([7, null, true]);
    expect(decode(messagePackProtocol.ping.subarray(1))).toEqual([6]);
  });

  it("reads frames across chunk boundaries, including a cut-off prefix", () => {
    const big = frameMessagePack(encode([1, {}, "1", "target", ["x".repeat(300)]]));
    const both = Buffer.concat([frameMessagePack(encode([6])), big]);
    // [6] is a 3-byte frame; the fourth byte is the first of the next frame's 2-byte prefix.
    const cut = messagePackProtocol.parse(both.subarray(0, 4));
    expect(cut.messages.map(withoutPayload)).toEqual([{ type: 6 }]);
    expect([...(cut.rest ?? [])]).toEqual([big[0]]);
    const rest = messagePackProtocol.parse(Buffer.concat([cut.rest ?? Buffer.alloc(0), both.subarray(4)]));
    expect({ ...rest, messages: rest.messages.map(withoutPayload) }).toEqual({
      messages: [{ type: 1, target: "target" }],
      rest: undefined,
    });
    // The upstream receives the MessagePack array without its length prefix.
    expect(Buffer.from(rest.messages[0]?.payload ?? []).equals(big.subarray(2))).toBe(true);
  });

  it("throws a readable error on bad frames", () => {
    expect(() => messagePackProtocol.parse(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toThrow(
      "longer than 5 bytes",
    );
    expect(() => messagePackProtocol.parse(frameMessagePack(encode({ type: 1 })))).toThrow("expected an array");
    expect(() => messagePackProtocol.parse(Buffer.from([0x01, 0xc1]))).toThrow("not valid MessagePack");
  });
});

describe("handshake", () => {
  const both = ["Text", "Binary"] as const;

  it("accepts json and messagepack versions 1 and 2 and hands back what follows", () => {
    const request = Buffer.concat([Buffer.from(`{"protocol":"messagepack","version":2}${RS}`), Buffer.from([1, 0x91])]);
    const result = readHandshake(request, both);
    expect(result).toMatchObject({ kind: "accepted", protocol: messagePackProtocol });
    expect(result.kind === "accepted" && [...(result.rest ?? [])]).toEqual([1, 0x91]);
    expect(readHandshake(Buffer.from(`{"protocol":"json","version":1}${RS}`), ["Text"])).toEqual({
      kind: "accepted",
      protocol: jsonProtocol,
      rest: undefined,
    });
  });

  it("waits for more bytes, then gives up on a request that is too long", () => {
    expect(readHandshake(Buffer.from('{"protocol":'), both)).toEqual({ kind: "incomplete" });
    expect(readHandshake(Buffer.alloc(5000, 0x20), both)).toMatchObject({ kind: "rejected" });
  });

  it("rejects requests without protocol or version", () => {
    expect(readHandshake(Buffer.from(`{"protocol":"json"}${RS}`), both)).toEqual({
      kind: "rejected",
      error: "Invalid handshake request: 'protocol' (a string) and 'version' (a number) are required.",
    });
    expect(readHandshake(Buffer.from(`null${RS}`), both)).toMatchObject({ kind: "rejected" });
  });

  it("builds the success and error responses", () => {
    expect(HANDSHAKE_OK.toString()).toBe(`{}${RS}`);
    expect(handshakeError('say "no"').toString()).toBe(`{"error":"say \\"no\\""}${RS}`);
  });
});

function withoutPayload(message: ClientMessage): Omit<ClientMessage, "payload"> {
  const { payload: _, ...rest } = message;
  return rest;
}
