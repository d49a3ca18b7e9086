// The hub protocol on the wire, driven by hand: handshake, pings, timeouts and refusals on every transport.
import { encode } from "@msgpack/msgpack";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientEndpointsOptions } from "../../../src/mock/client/index.js";
import { frameMessagePack } from "../../../src/mock/client/protocols/messagepack.js";
import { eventually, type Harness, startHarness } from "./harness.js";
import { negotiate, openRaw, type RawClient, type RawTransport } from "./raw-client.js";

let harness: (Harness & { endpoints: { connectionCount(): number } }) | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const RS = "\u001e";
const handshake = (protocol = "json", version = 1) => JSON.stringify({ protocol, version }) + RS;

async function open(transport: RawTransport, options: Partial<ClientEndpointsOptions> = {}, binary = false) {
  harness = await startHarness(options);
  const token = await harness.token("chat", { "asrs.s.uid": "alice" });
  const { connectionToken, connectionId } = await negotiate(harness.url, "chat", token);
  const client = await openRaw({ baseUrl: harness.url, transport, hub: "chat", id: connectionToken, token, binary });
  return { client, connectionId, h: harness };
}

/** Reads messages until one matches, returning it (the ones before it are pings or other noise). */
async function nextOf(client: RawClient, type: number): Promise<Record<string, unknown>> {
  for (;;) {
    const message = (await client.next()) as Record<string, unknown> | unknown[];
    if (Array.isArray(message) ? message[0] === type : message.type === type) return message as Record<string, unknown>;
  }
}

const TRANSPORTS: RawTransport[] = ["WebSockets", "ServerSentEvents", "LongPolling"];

describe.each(TRANSPORTS)("%s wire protocol (JSON)", (transport) => {
  it("answers the handshake with {} and registers the connection with its user", async () => {
    const { client, connectionId, h } = await open(transport);
    await client.send(handshake());
    expect(await client.next()).toEqual({});
    expect(h.store.connection("chat", connectionId)?.userId).toBe("alice");
    expect(h.log).toContain(
      `client connected id=${connectionId} user=alice hub=chat transport=${transport} protocol=json`,
    );
  });

  it("closes a connection that sends no handshake within the handshake timeout", async () => {
    const { client, h } = await open(transport, { handshakeTimeoutMs: 500 });
    await client.ended;
    expect(h.store.connectionCount()).toBe(0);
    await eventually(() => h.endpoints.connectionCount() === 0, "the connection to be forgotten");
  });

  it("refuses an unknown protocol with a handshake error, then closes", async () => {
    const { client, h } = await open(transport);
    await client.send(handshake("xml"));
    expect(await client.next()).toEqual({
      error: "Requested protocol 'xml' is not available. The mock speaks 'json' and 'messagepack'.",
    });
    await client.ended;
    expect(h.store.connectionCount()).toBe(0);
  });

  it("answers a handshake error, not success, when the Store refuses the connection (its id is taken)", async () => {
    const { client, connectionId, h } = await open(transport);
    const sink = { deliver() {}, close() {} };
    h.store.connect({ hub: "chat", id: connectionId, sink, kind: "virtual" });
    await client.send(handshake());
    expect(await client.next()).toEqual({
      error: `The hubkit mock could not add the connection: connection ${connectionId} already exists in hub chat.`,
    });
    await client.ended;
    expect(h.store.hubConnections("chat").map((c) => [c.id, c.kind])).toEqual([[connectionId, "virtual"]]);
    expect(h.log.join("\n")).not.toContain("client connected");
    h.store.disconnect("chat", connectionId);
  });

  it("refuses an unsupported protocol version", async () => {
    const { client } = await open(transport);
    await client.send(handshake("json", 99));
    expect(await client.next()).toEqual({ error: "The server does not support version 99 of the 'json' protocol." });
    await client.ended;
  });

  it("refuses a handshake that is not JSON", async () => {
    const { client } = await open(transport);
    await client.send(`not json${RS}`);
    expect(await client.next()).toEqual({
      error: 'Invalid handshake request: expected JSON like {"protocol":"json","version":1} followed by 0x1E.',
    });
    await client.ended;
  });

  it("closes with an error on garbage after the handshake", async () => {
    const { client, h } = await open(transport);
    await client.send(handshake());
    expect(await client.next()).toEqual({});
    await client.send(`{"type":${RS}`);
    expect(await nextOf(client, 7)).toEqual({
      type: 7,
      error: "Invalid JSON hub message: expected a JSON object followed by 0x1E.",
      allowReconnect: false,
    });
    await client.ended;
    expect(h.store.connectionCount()).toBe(0);
  });

  it("closes with an error on an unknown message type", async () => {
    const { client } = await open(transport);
    await client.send(handshake() + JSON.stringify({ type: 42 }) + RS);
    expect(await client.next()).toEqual({});
    expect(await nextOf(client, 7)).toMatchObject({
      error: "Unknown hub message type 42: expected 1-9 per the ASP.NET Core hub protocol.",
    });
    await client.ended;
  });

  it("rejects stream items and completions from the client too", async () => {
    const { client } = await open(transport);
    await client.send(handshake() + JSON.stringify({ type: 3, invocationId: "1" }) + RS);
    expect(await client.next()).toEqual({});
    expect(String((await nextOf(client, 7)).error)).toMatch(
      /^Hub message type 3 is not allowed: the hubkit mock runs in serverless mode/,
    );
  });

  it("ends the connection when the client sends Close", async () => {
    const { client, h } = await open(transport);
    await client.send(handshake());
    expect(await client.next()).toEqual({});
    await client.send(`${JSON.stringify({ type: 6 })}${RS}${JSON.stringify({ type: 7 })}${RS}`);
    await client.ended;
    await eventually(() => h.store.connectionCount() === 0, "the store to be empty");
    expect(h.log.some((line) => line.endsWith('reason="client closed"'))).toBe(true);
  });

  it("accepts a handshake split over two sends, with a message in the same chunk as its end", async () => {
    const { client, connectionId, h } = await open(transport);
    const text = handshake();
    await client.send(text.slice(0, 10));
    await client.send(`${text.slice(10)}{"type":6}${RS}{"ty`);
    expect(await client.next()).toEqual({});
    await client.send(`pe":6}${RS}`);
    h.store.deliver(h.store.hubConnections("chat"), "after", [1]);
    expect(await nextOf(client, 1)).toEqual({ type: 1, target: "after", arguments: [1] });
    expect(h.store.connection("chat", connectionId)).toBeDefined();
  });
});

// Long polling keeps itself alive (see long-polling.test.ts): no pings, and polling counts as hearing from the client.
describe.each(["WebSockets", "ServerSentEvents"] as const)("%s keep-alive", (transport) => {
  it("pings at the keep-alive interval after the handshake", async () => {
    const { client } = await open(transport, { keepAliveIntervalMs: 40 });
    await client.send(handshake());
    expect(await client.next()).toEqual({});
    expect(await client.next()).toEqual({ type: 6 });
    expect(await client.next()).toEqual({ type: 6 });
  });

  it("closes a client that goes silent, with a Close message that allows reconnecting", async () => {
    const { client, h } = await open(transport, { keepAliveIntervalMs: 40, clientTimeoutMs: 250 });
    await client.send(handshake());
    const close = await nextOf(client, 7);
    expect(close).toEqual({
      type: 7,
      error: "No message (not even a ping) from the client for 250 ms.",
      allowReconnect: true,
    });
    await client.ended;
    expect(h.store.connectionCount()).toBe(0);
  });
});

describe("MessagePack on the wire", () => {
  for (const [transport, pings] of [
    ["WebSockets", true],
    ["LongPolling", false],
  ] as const) {
    it(`${transport}: binary invocations, ${pings ? "pings " : ""}and Close`, async () => {
      const { client, h } = await open(transport, { keepAliveIntervalMs: 40 }, true);
      await client.send(handshake("messagepack"));
      expect(await client.next()).toEqual({});
      if (pings) expect(await client.next()).toEqual([6]);
      h.store.deliver(h.store.hubConnections("chat"), "t", ["a", 1, { b: [true, null] }]);
      expect(await nextOf(client, 1)).toEqual([1, {}, null, "t", ["a", 1, { b: [true, null] }]]);
      await client.send(frameMessagePack(encode([1, {}, "7", "echo", []])));
      expect(String(((await nextOf(client, 7)) as unknown as unknown[])[1])).toMatch(
        /^Invocation of 'echo' is not allowed/,
      );
      await client.ended;
    });
  }

  it("is refused over Server-Sent Events, which carry text only", async () => {
    const { client } = await open("ServerSentEvents");
    await client.send(handshake("messagepack"));
    expect(await client.next()).toEqual({
      error:
        "Cannot use the 'messagepack' protocol on the current transport. The transport does not support 'Binary' transfer format.",
    });
    await client.ended;
  });

  it("closes with an error on a frame that is not MessagePack", async () => {
    const { client, h } = await open("WebSockets", {}, true);
    await client.send(handshake("messagepack"));
    expect(await client.next()).toEqual({});
    await client.send(Buffer.from([0x02, 0xc1, 0xc1]));
    expect(await nextOf(client, 7)).toEqual([
      7,
      "Invalid MessagePack hub message: the payload is not valid MessagePack.",
      false,
    ]);
    await client.ended;
    expect(h.store.connectionCount()).toBe(0);
  });
});
