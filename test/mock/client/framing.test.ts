// Client frame parsing is linear in the bytes received: a huge unfinished frame fed one byte at a time cannot stall
// the mock, and an unfinished frame has a size cap.
import { encode } from "@msgpack/msgpack";
import { afterEach, describe, expect, it, vi } from "vitest";
import { frameMessagePack } from "../../../src/mock/client/protocols/messagepack.js";
import { createMockServer, type MockServer } from "../../../src/mock/index.js";
import { negotiate, openRaw, type RawClient } from "./raw-client.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const HANDSHAKE = '{"protocol":"json","version":1}\u001e';

/** A dev-negotiate client (no credentials at all), connected over WebSockets and past the handshake. */
async function devClient(mock: MockServer, protocol: "json" | "messagepack" = "json"): Promise<RawClient> {
  const response = await fetch(`${mock.url}/_hubkit/hubs/chat/negotiate?userId=attacker`, { method: "POST" });
  const { accessToken } = (await response.json()) as { accessToken: string };
  const { connectionToken } = await negotiate(mock.url, "chat", accessToken);
  const client = await openRaw({
    baseUrl: mock.url,
    transport: "WebSockets",
    hub: "chat",
    id: connectionToken,
    token: accessToken,
    binary: protocol === "messagepack",
  });
  await client.send(`{"protocol":"${protocol}","version":1}\u001e`);
  expect(await client.next()).toEqual({});
  return client;
}

async function health(mock: MockServer): Promise<number> {
  const response = await fetch(`${mock.url}/api/health?api-version=2022-06-01`, { method: "HEAD" });
  return response.status;
}

describe("frame parsing under a slow-drip attack", () => {
  it("a 900 KB unfinished frame then 8,000 one-byte messages: health answers between batches, the frame completes", async () => {
    server = await createMockServer({ port: 0 });
    const mock = server;
    const client = await devClient(mock);
    // A Close message whose error text is huge and arrives a byte at a time; the mock ends the connection once it
    // has read the whole frame, which proves every byte was parsed.
    await client.send(`{"type":7,"error":"${"a".repeat(900 * 1024)}`);
    // Work is measured in bytes copied, not in time: re-joining the whole unfinished frame per message copies
    // 8,000 x 900 KB (7 GB); a linear reader copies each byte a bounded number of times.
    const concat = Buffer.concat;
    let copied = 0;
    const spy = vi.spyOn(Buffer, "concat").mockImplementation((list, total) => {
      const joined = concat(list, total);
      copied += joined.length;
      return joined;
    });
    const answers: number[] = [];
    for (let batch = 0; batch < 16; batch++) {
      for (let i = 0; i < 499; i++) void client.send("a");
      await client.send("a");
      // Sent only after the previous answer arrived: the mock must keep answering while the frame grows.
      answers.push(await health(mock));
    }
    await client.send('"}\u001e');
    expect(await client.ended).toBe("closed 1000");
    spy.mockRestore();
    expect(copied).toBeLessThan(4 * (900 * 1024 + 8000));
    expect(answers).toEqual(Array(16).fill(200));
    expect(mock.store.connectionCount()).toBe(0);
  }, 30_000);

  it("a MessagePack frame announced as large and sent in small pieces completes", async () => {
    server = await createMockServer({ port: 0 });
    const client = await devClient(server, "messagepack");
    const frame = frameMessagePack(encode([7, "b".repeat(600 * 1024), false]));
    const answers: number[] = [];
    for (let offset = 0; offset < frame.length; offset += 64 * 1024) {
      await client.send(frame.subarray(offset, offset + 64 * 1024));
      answers.push(await health(server));
    }
    expect(await client.ended).toBe("closed 1000");
    expect(answers.every((status) => status === 200)).toBe(true);
  }, 30_000);
});

describe("the unfinished-frame cap", () => {
  it("closes a JSON client whose unfinished frame grows past the limit over many messages", async () => {
    server = await createMockServer({ port: 0 });
    const client = await devClient(server);
    const piece = "x".repeat(256 * 1024);
    for (let i = 0; i < 5; i++) void client.send(i === 0 ? `{"type":1,"target":"${piece}` : piece);
    expect(await client.next()).toEqual({
      type: 7,
      error: "A client message exceeded the maximum size of 1048576 bytes.",
      allowReconnect: false,
    });
    expect(await client.ended).toMatch(/^closed/);
  });

  it("closes a MessagePack client as soon as its length prefix announces a frame past the limit", async () => {
    server = await createMockServer({ port: 0 });
    const client = await devClient(server, "messagepack");
    // Prefix for 2 MiB, then a few bytes: nothing near the limit was sent, but the frame could never be accepted.
    await client.send(Buffer.from([0x80, 0x80, 0x80, 0x01, 0x93]));
    expect(await client.next()).toEqual([7, "A client message exceeded the maximum size of 1048576 bytes.", false]);
    expect(await client.ended).toMatch(/^closed/);
  });

  it("a handshake split over many messages still works", async () => {
    server = await createMockServer({ port: 0 });
    const response = await fetch(`${server.url}/_hubkit/hubs/chat/negotiate`, { method: "POST" });
    const { accessToken } = (await response.json()) as { accessToken: string };
    const { connectionToken } = await negotiate(server.url, "chat", accessToken);
    const client = await openRaw({
      baseUrl: server.url,
      transport: "WebSockets",
      hub: "chat",
      id: connectionToken,
      token: accessToken,
    });
    for (const char of `${HANDSHAKE}{"type":6}`) await client.send(char);
    await client.send('\u001e{"type":7}\u001e');
    expect(await client.next()).toEqual({});
    expect(await client.ended).toBe("closed 1000");
  });
});
