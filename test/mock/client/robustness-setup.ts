// The shared stage of the client-endpoint robustness tests: a mock with short timeouts, and after every test the
// proof that nothing leaked and a well-behaved client is still served. Split over two files so neither runs long.
import type { HubConnectionBuilder } from "@microsoft/signalr";
import { afterEach, beforeEach, expect } from "vitest";
import { currentSlowdown, scaled } from "../../support/slowdown.js";
import { eventually, startClient, startHarness } from "./harness.js";
import { negotiate, openRaw, type RawClient, type RawTransport } from "./raw-client.js";

/** The mock of the current test (a live binding: set by the hooks `useRobustnessHarness` registers). */
export let h: Awaited<ReturnType<typeof startHarness>>;
/** A client token for hub `chat`, user `fuzz`. */
export let token: string;

/** Registers the hooks in the calling test file: a fresh mock before each test, the leak check after it. */
export function useRobustnessHarness(): void {
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
}

/** The mock here drops clients silent for 600 ms; real clients ping every 15 s unless told otherwise. */
export const pingOften = (builder: HubConnectionBuilder) => builder.withKeepAliveInterval(100);

export const HANDSHAKE = '{"protocol":"json","version":1}\u001e';

export async function open(transport: RawTransport, binary = false): Promise<RawClient> {
  const { connectionToken } = await negotiate(h.url, "chat", token);
  return openRaw({ baseUrl: h.url, transport, hub: "chat", id: connectionToken, token, binary });
}

/** Lets a garbage POST fail in any way it likes (413, 404, connection reset): only the mock's survival matters. */
export const tolerate = (p: Promise<number>) => p.catch(() => 0);
