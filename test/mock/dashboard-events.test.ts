// The dashboard's Server-Sent Events stream on a real socket: a state snapshot first, then events in batches (none
// lost without being counted), a fresh snapshot after changes, and the stream ends when the mock stops.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { promisify } from "node:util";
import { request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { CHAT } from "./rest-case.js";

interface SseMessage {
  event: string;
  data: unknown;
}

let mock: MockServer;
beforeEach(async () => {
  mock = await createMockServer({ port: 0, fixture: CHAT });
});
afterEach(() => mock.close());

async function session(): Promise<string> {
  const res = await request(`${mock.url}/_hubkit/dashboard/api/session`, {
    method: "POST",
    headers: { origin: mock.url, "content-type": "application/json" },
    body: "{}",
  });
  await res.body.dump();
  expect(res.statusCode).toBe(200);
  return String(res.headers["set-cookie"]).split(";")[0]!;
}

/** Opens the stream and collects parsed messages; `next` waits for one that passes the test. */
async function openStream(cookie: string) {
  const messages: SseMessage[] = [];
  const waiters: Array<() => void> = [];
  let buffer = "";
  let ended = false;
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    get(`${mock.url}/_hubkit/dashboard/api/events`, { headers: { cookie } }, resolve).on("error", reject);
  });
  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) messages.push({ event, data: JSON.parse(data) });
    }
    for (const wake of waiters.splice(0)) wake();
  });
  response.on("end", () => {
    ended = true;
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (test: (m: SseMessage) => boolean, from = 0): Promise<SseMessage> => {
    for (;;) {
      const found = messages.slice(from).find(test);
      if (found) return found;
      if (ended) throw new Error("the stream ended");
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { response, messages, next, ended: () => ended };
}

describe("dashboard event stream", () => {
  it("starts with the state, then streams REST calls and deliveries, then a fresh state", async () => {
    const stream = await openStream(await session());
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(stream.response.headers["access-control-allow-origin"]).toBeUndefined();
    const first = await stream.next(() => true);
    expect(first.event).toBe("state");
    expect((first.data as { hubs: Array<{ name: string }> }).hubs.map((h) => h.name)).toContain("chat");

    const cookie = await session();
    const send = await request(`${mock.url}/_hubkit/dashboard/api/actions/send`, {
      method: "POST",
      headers: { origin: mock.url, cookie, "content-type": "application/json" },
      body: JSON.stringify({ hub: "chat", to: "user", name: "bob", target: "ping", arguments: "[1]" }),
    });
    await send.body.dump();
    const from = stream.messages.length;
    const delivered = await stream.next(
      (m) =>
        m.event === "events" &&
        (m.data as { events: Array<{ kind: string }> }).events.some((e) => e.kind === "delivered"),
    );
    expect((delivered.data as { events: unknown[] }).events).toContainEqual(
      expect.objectContaining({
        kind: "delivered",
        hub: "chat",
        target: "ping",
        recipients: 1,
        connectionIds: ["bob-1"],
      }),
    );
    const state = await stream.next((m) => m.event === "state", from);
    const bob = (state.data as { connections: Array<{ id: string; messagesOut: number }> }).connections.find(
      (c) => c.id === "bob-1",
    );
    expect(bob?.messagesOut).toBe(1);
    stream.response.destroy();
  });

  it("batches a burst and counts whatever it drops, so no event vanishes silently", async () => {
    const stream = await openStream(await session());
    await stream.next((m) => m.event === "state");
    const burst = 5000;
    for (let i = 0; i < burst; i += 1) mock.events.publish({ kind: "admin", summary: `burst ${i}` });
    mock.events.publish({ kind: "admin", summary: "last" });
    await stream.next(
      (m) =>
        m.event === "events" &&
        (m.data as { events: Array<{ summary?: string }> }).events.some((e) => e.summary === "last"),
    );
    let seen = 0;
    let dropped = 0;
    let batches = 0;
    for (const m of stream.messages) {
      if (m.event !== "events") continue;
      const data = m.data as { events: Array<{ summary?: string }>; dropped: number };
      batches += 1;
      seen += data.events.filter((e) => e.summary?.startsWith("burst ")).length;
      dropped += data.dropped;
    }
    expect(seen + dropped).toBe(burst);
    expect(batches).toBeLessThan(burst / 10);
    stream.response.destroy();
  });

  it("ends when the mock stops (the page then reconnects)", async () => {
    const stream = await openStream(await session());
    await stream.next((m) => m.event === "state");
    await mock.close();
    await expect(stream.next(() => false)).rejects.toThrow("the stream ended");
  });

  // The curl lines are meant to be pasted into a shell: run them there, with `npx hubkit` being this checkout.
  it.skipIf(!existsSync("/usr/bin/curl"))(
    "the curl lines shown for send and reset work as printed",
    async () => {
      const cookie = await session();
      const curlOf = async (name: string, body: unknown) => {
        const res = await request(`${mock.url}/_hubkit/dashboard/api/actions/${name}`, {
          method: "POST",
          headers: { origin: mock.url, cookie, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return ((await res.body.json()) as { curl: string }).curl;
      };
      const send = await curlOf("send", {
        hub: "chat",
        to: "user",
        name: "alice",
        target: "it's",
        arguments: '["a\'b"]',
      });
      const reset = await curlOf("reset", {});
      // The reset action ran; seed again so the pasted lines have something to act on.
      mock.store.reset();
      const { applyFixture } = await import("../../src/mock/index.js");
      applyFixture(mock.store, CHAT, mock.spec);
      const script = `npx() { shift; node bin/hubkit.js "$@"; }\n${send} -s -o /dev/null -w '%{http_code}\\n'\n${reset} -s -o /dev/null -w '%{http_code}\\n'`;
      const delivered: unknown[] = [];
      const stop = mock.events.subscribe((e) => {
        if (e.kind === "delivered") delivered.push([e.target, e.connectionIds]);
      });
      const { stdout } = await promisify(execFile)("bash", ["-c", script], { timeout: 60_000 });
      expect(stdout.trim().split("\n")).toEqual(["202", "204"]);
      stop();
      expect(delivered).toEqual([["it's", ["alice-1", "alice-2"]]]);
      expect(mock.store.connectionCount()).toBe(0);
    },
    90_000,
  );
});
