// Churn on the client endpoints: a thousand raw connects and disconnects, and real clients, leave nothing behind.
import { describe, expect, it } from "vitest";
import { currentSlowdown, scaled } from "../../support/slowdown.js";
import { eventually, startClient } from "./harness.js";
import type { RawClient, RawTransport } from "./raw-client.js";
import { HANDSHAKE, h, open, pingOften, token, useRobustnessHarness } from "./robustness-setup.js";

useRobustnessHarness();

describe("churn on the client endpoints", () => {
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
});
