// Bad input on the client endpoints: garbage, oversized messages, abrupt disconnects and churn never crash or leak.
import { connect as tcpConnect } from "node:net";
import type { HubConnectionBuilder } from "@microsoft/signalr";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { currentSlowdown, scaled } from "../../support/slowdown.js";
import { eventually, startClient, startHarness } from "./harness.js";
import { negotiate, openRaw, type RawClient, type RawTransport } from "./raw-client.js";

let h: Awaited<ReturnType<typeof startHarness>>;
let token: string;

beforeEach(async () => {
  h = await startHarness({
    // Short, so vanished clients are dropped quickly; stretched on a busy machine, where this process (client and
    // server both) can stall long enough between negotiate and upgrade, or between pings, to lose a good client.
    handshakeTimeoutMs: scaled(4000, currentSlowdown()),
    clientTimeoutMs: scaled(600, currentSlowdown()),
    longPollingTimeoutMs: 100,
    maxMessageBytes: 64 * 1024,
  });
  token = await h.token("chat", { "asrs.s.uid": "fuzz" });
});

afterEach(async () => {
  // Whatever happened, nothing leaks and the mock still serves a well-behaved client.
  await eventually(() => h.store.connectionCount() === 0, "the store to be empty");
  await eventually(() => h.endpoints.connectionCount() === 0, "every connection to be forgotten");
  const client = await startClient({
    url: `${h.url}/client/?hub=chat`,
    transport: "WebSockets",
    protocol: "json",
    targets: ["ok"],
    accessToken: token,
    configure: pingOften,
  });
  h.store.deliver(h.store.hubConnections("chat"), "ok", []);
  expect(await client.until("ok")).toEqual([{ target: "ok", args: [] }]);
  await client.connection.stop();
  await h.close();
});

/** The mock here drops clients silent for 600 ms; real clients ping every 15 s unless told otherwise. */
const pingOften = (builder: HubConnectionBuilder) => builder.withKeepAliveInterval(100);

const HANDSHAKE = '{"protocol":"json","version":1}\u001e';

async function open(transport: RawTransport, binary = false): Promise<RawClient> {
  const { connectionToken } = await negotiate(h.url, "chat", token);
  return openRaw({ baseUrl: h.url, transport, hub: "chat", id: connectionToken, token, binary });
}

/** Lets a garbage POST fail in any way it likes (413, 404, connection reset): only the mock's survival matters. */
const tolerate = (p: Promise<number>) => p.catch(() => 0);

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

  it(
    "ends a thousand connects and disconnects with an empty store and no leftover connections",
    async () => {
      const transports: RawTransport[] = ["WebSockets", "WebSockets", "WebSockets", "ServerSentEvents", "LongPolling"];
      const endings = [
        (c: RawClient) => c.abort(),
        async (c: RawClient) => {
          await c.send(HANDSHAKE);
          await c.next();
          c.abort();
        },
        async (c: RawClient) => {
          await c.send(`${HANDSHAKE}{"type":7}\u001e`);
          await c.ended;
        },
        async (c: RawClient) => {
          await c.send(`${HANDSHAKE}{"type":1,"target":"x","arguments":[]}\u001e`);
          await c.ended;
        },
      ];
      for (let batch = 0; batch < 50; batch++) {
        await Promise.all(
          Array.from({ length: 20 }, async (_, i) => {
            const n = batch * 20 + i;
            const client = await open(transports[n % transports.length]!);
            await endings[Math.floor(n / transports.length) % endings.length]!(client);
          }),
        );
      }
      // Real clients too: start and stop, over every transport.
      for (const transport of ["WebSockets", "ServerSentEvents", "LongPolling"] as const) {
        for (let i = 0; i < 10; i++) {
          const client = await startClient({
            url: `${h.url}/client/?hub=chat`,
            transport,
            protocol: "json",
            targets: [],
            accessToken: token,
            configure: pingOften,
          });
          await client.connection.stop();
        }
      }
      await eventually(
        () => h.store.connectionCount() === 0 && h.endpoints.connectionCount() === 0,
        "everything to end",
      );
      expect(h.store.snapshot()).toEqual({ hubs: [] });
      // About 7 s of CPU-bound churn on a quiet 2-core machine: twice the default budget, stretched by the slowdown.
    },
    scaled(60_000, currentSlowdown()),
  );

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
