// Bad input on the client endpoints: garbage, oversized messages and abrupt disconnects never crash or leak.
import { connect as tcpConnect } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { RawClient, RawTransport } from "./raw-client.js";
import { HANDSHAKE, h, open, token, tolerate, useRobustnessHarness } from "./robustness-setup.js";

useRobustnessHarness();

describe("bad input on the client endpoints", () => {
  it("survives random bytes as the handshake or after it over WebSockets", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, afterHandshake) => {
        const client = await open("WebSockets");
        if (afterHandshake) await client.send(HANDSHAKE);
        await client.send(Buffer.from(bytes));
        client.abort();
        await client.ended;
      }),
      { numRuns: 150 },
    );
  });

  it("survives random text over Server-Sent Events and long-polling POSTs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom<RawTransport>("ServerSentEvents", "LongPolling"),
        async (text, transport) => {
          const client = await open(transport);
          await tolerate(client.send(HANDSHAKE));
          await tolerate(client.send(text));
          client.abort();
        },
      ),
      { numRuns: 60 },
    );
  });

  it("closes a WebSocket with 1009 on a message over the size limit", async () => {
    const client = await open("WebSockets");
    await client.send(HANDSHAKE);
    expect(await client.next()).toEqual({});
    await client.send(Buffer.alloc(64 * 1024 + 1, 0x20));
    expect(await client.ended).toBe("closed 1009");
  });

  it("refuses a handshake that never ends with a separator", async () => {
    const client = await open("WebSockets");
    await client.send("x".repeat(5000));
    expect(await client.next()).toEqual({
      error: "Handshake request too long: expected a small JSON object followed by 0x1E.",
    });
    await client.ended;
  });

  it("closes on a JSON message that never ends once it passes the size limit", async () => {
    const client = await open("LongPolling");
    await client.send(HANDSHAKE);
    expect(await client.next()).toEqual({});
    for (let i = 0; i < 3; i++) await tolerate(client.send("[".repeat(30 * 1024)));
    expect(await client.next()).toEqual({
      type: 7,
      error: "A client message exceeded the maximum size of 65536 bytes.",
      allowReconnect: false,
    });
    await client.ended;
  });

  for (const transport of ["WebSockets", "ServerSentEvents", "LongPolling"] as const) {
    it(`survives ${transport} clients vanishing at every stage`, async () => {
      const stages = [
        async () => {},
        async (c: RawClient) => void (await tolerate(c.send(HANDSHAKE.slice(0, 12)))),
        async (c: RawClient) => {
          await c.send(HANDSHAKE);
          await c.next();
        },
        async (c: RawClient) => {
          await c.send(HANDSHAKE);
          await c.next();
          h.store.deliver(h.store.hubConnections("chat"), "t", ["x".repeat(10_000)]);
        },
      ];
      for (const stage of stages) {
        const client = await open(transport);
        await stage(client);
        client.abort();
      }
    });
  }

  it("survives malformed upgrade requests and raw garbage on the socket", async () => {
    const port = Number(new URL(h.url).port);
    const requests = [
      "GET /client/?hub=chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
      `GET /client/?hub=chat HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      "\u0000\u0001garbage\r\n\r\n",
    ];
    for (const raw of requests) {
      await new Promise<void>((resolve) => {
        const socket = tcpConnect(port, "127.0.0.1", () => socket.end(raw));
        socket.on("data", () => {});
        socket.on("error", () => resolve());
        socket.on("close", () => resolve());
      });
    }
  });

  it("forgets a WebSocket that skipped negotiation and vanished", async () => {
    const ws = new WebSocket(`${h.url.replace("http", "ws")}/client/?hub=chat`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await new Promise<void>((resolve) => {
      ws.on("open", () => {
        ws.terminate();
        resolve();
      });
      ws.on("error", () => resolve());
    });
  });
});
