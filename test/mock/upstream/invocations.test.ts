// Client invocations through the upstream: real @microsoft/signalr clients, an HTTP upstream written here that checks
// the signature, and in-process YAML handlers; connected/disconnected order, headers, and every failure path.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { decode } from "@msgpack/msgpack";
import { afterEach, describe, expect, it } from "vitest";
import { templateFor, type UpstreamOptions, type UpstreamRecord } from "../../../src/mock/upstream/index.js";
import { loadSpec } from "../../../src/spec/index.js";
import { ACCESS_KEY, type Harness, type ProtocolName, startClient, startMock } from "../client/harness.js";
import { type Receiver, type ReceiverOptions, startReceiver } from "./receiver.js";

let h: Harness | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  await h?.close();
  await receiver?.close();
  h = undefined;
  receiver = undefined;
});

async function mockWithReceiver(options: Partial<ReceiverOptions> = {}, upstream: UpstreamOptions = {}) {
  receiver = await startReceiver({ accessKey: ACCESS_KEY, ...options });
  h = await startMock({
    upstream: { templates: [templateFor(`${receiver.url}/api/{hub}/{category}/{event}`)], ...upstream },
  });
  return { receiver, h };
}

async function client(
  mock: Harness,
  protocol: ProtocolName = "json",
  query = "",
  claims: Record<string, unknown> = {},
) {
  return startClient({
    url: `${mock.url}/client/?hub=chat${query}`,
    transport: "WebSockets",
    protocol,
    targets: ["newMessage"],
    accessToken: await mock.token("chat", claims),
  });
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : value);

describe("an HTTP upstream", () => {
  for (const protocol of ["json", "messagepack"] as const) {
    it(`computes invoke() results and sees connected, messages and disconnected in order (${protocol})`, async () => {
      const { receiver, h } = await mockWithReceiver({
        methods: { add: (args) => (args[0] as number) + (args[1] as number) },
      });
      const c = await client(h, protocol, "&room=5", { "asrs.s.uid": "alice", role: "admin" });
      const id = c.connection.connectionId;
      expect(await c.connection.invoke("Add", 2, 3)).toBe(5);
      await c.connection.send("Add", 1, 1);
      await c.connection.stop();
      const calls = await receiver.waitFor(4);
      expect(calls.map((call) => call.url)).toEqual([
        "/api/chat/connections/connected",
        "/api/chat/messages/Add",
        "/api/chat/messages/Add",
        "/api/chat/connections/disconnected",
      ]);
      expect(calls.every((call) => call.signatureOk)).toBe(true);
      for (const call of calls) {
        expect(call.headers["x-asrs-connection-id"]).toBe(id);
        expect(call.headers["x-asrs-hub"]).toBe("chat");
        expect(call.headers["x-asrs-user-id"]).toBe("alice");
        expect(header(call.headers["x-asrs-user-claims"])).toContain("asrs.s.uid: alice, role: admin");
        const query = String(call.headers["x-asrs-client-query"]);
        expect(query).toMatch(/^\?hub=chat&room=5/);
        expect(query).not.toContain("access_token");
      }
      expect(calls[0]!.headers["x-asrs-event"]).toBe("connected");
      expect(calls[0]!.headers["content-type"]).toBe("application/json");
      expect(calls[0]!.body.toString()).toBe('{"type":10}');
      expect(calls[3]!.body.toString()).toBe('{"Type":11}');
      expect(calls[1]!.headers["x-asrs-category"]).toBe("messages");
      if (protocol === "json") {
        expect(calls[1]!.body.toString()).toBe('{"type":1,"invocationId":"0","target":"Add","arguments":[2,3]}');
        expect(calls[2]!.body.toString()).toBe('{"type":1,"target":"Add","arguments":[1,1]}');
      } else {
        expect(calls[1]!.headers["content-type"]).toBe("application/x-msgpack");
        expect(decode(calls[1]!.body)).toEqual([1, {}, "0", "Add", [2, 3]]);
        expect((decode(calls[2]!.body) as unknown[])[2]).toBeNull();
      }
      const recorded = await admin(h, "upstream");
      expect(recorded.calls.map((r) => `${r.route} ${r.event}`)).toEqual([
        "http connected",
        "http Add",
        "http Add",
        "http disconnected",
      ]);
      expect(recorded.calls[1]?.completion).toEqual({ kind: "passed-through" });
    });
  }

  it("passes the upstream's error Completion to the client, and a void one for 200 without a body", async () => {
    const { h } = await mockWithReceiver({
      methods: {
        boom: () => {
          throw new Error("no such room");
        },
      },
      override: (call, res) => {
        if (call.headers["x-asrs-event"] !== "Quiet") return false;
        res.writeHead(200).end();
        return true;
      },
    });
    const c = await client(h);
    await expect(c.connection.invoke("Boom")).rejects.toThrow("no such room");
    await expect(c.connection.invoke("Quiet")).resolves.toBeUndefined();
  });

  it("sends disconnected with Error when the connection ended with an error", async () => {
    const { receiver, h } = await mockWithReceiver();
    const c = await client(h);
    await fetch(`${h.url}/api/hubs/chat/connections/${c.connection.connectionId}?api-version=2022-06-01`, {
      method: "DELETE",
      headers: {
        Authorization: `Bearer ${await restToken(h, `/api/hubs/chat/connections/${c.connection.connectionId}`)}`,
      },
    });
    await c.closed;
    // A REST close is the service's, not an error of the client's; a protocol error is.
    const d = await client(h);
    (d.connection as unknown as { connection: { send(data: string): Promise<void> } }).connection.send(
      "not json\u001e",
    );
    await d.closed;
    const calls = await receiver.waitFor(4);
    const bodies = calls.filter((call) => call.headers["x-asrs-event"] === "disconnected").map((call) => call.json);
    expect(bodies).toEqual([{ Type: 11 }, { Type: 11, Error: expect.stringContaining("Invalid JSON hub message") }]);
  });

  it("answers every failure with the emulator's completion error and stays responsive", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { h } = await mockWithReceiver(
      {
        override: (call, res) => {
          const event = call.headers["x-asrs-event"];
          if (event === "Hang") return true; // never answers
          if (event === "Broken") res.writeHead(503).end();
          else if (event === "Garbage") res.writeHead(200).end("<html>oops</html>");
          else if (event === "Wrong") res.writeHead(200).end('{"type":1,"target":"x","arguments":[]}\u001e');
          else if (event === "Huge") res.writeHead(200).end("x".repeat(5000));
          else return false;
          return true;
        },
      },
      { timeoutMs: 300, maxResponseBytes: 4096 },
    );
    const c = await client(h);
    await expect(c.connection.invoke("Hang")).rejects.toThrow("Invocation failed, status code 500");
    await expect(c.connection.invoke("Broken")).rejects.toThrow("Invocation failed, status code 503");
    await expect(c.connection.invoke("Garbage")).rejects.toThrow("not a Completion");
    await expect(c.connection.invoke("Wrong")).rejects.toThrow("not a Completion");
    await expect(c.connection.invoke("Huge")).rejects.toThrow("Invocation failed, response too large.");
    const recorded = await admin(h, "upstream?event=Hang");
    expect(recorded.calls[0]?.answer).toEqual({ error: "timed out after 300 ms" });
    // A second mock whose only template points at a closed port.
    const other = await startMock({ upstream: { templates: [templateFor(`http://127.0.0.1:${deadPort}/x`)] } });
    try {
      const d = await client(other);
      await expect(d.connection.invoke("Anything")).rejects.toThrow("Invocation failed, status code 500");
      const calls = (await admin(other, "upstream?event=Anything")).calls;
      expect(calls[0]?.answer?.error).toMatch(/^unreachable \(ECONNREFUSED\)$/);
    } finally {
      await other.close();
    }
    // Still answering REST and invocations.
    const health = await fetch(`${h.url}/api/health?api-version=2022-06-01`, { method: "HEAD" });
    expect(health.status).toBe(200);
    expect(c.connection.state).toBe("Connected");
  });

  it("drops an event no template matches, and the log says so", async () => {
    receiver = await startReceiver({ accessKey: ACCESS_KEY });
    h = await startMock({
      upstream: {
        templates: [{ urlTemplate: `${receiver.url}/x`, hubPattern: "other", eventPattern: "*", categoryPattern: "*" }],
      },
    });
    const c = await client(h);
    await c.connection.send("Hello");
    await c.connection.stop();
    await eventuallyLogged(h, /upstream messages\/Hello dropped: no upstream template matches hub=chat/);
    expect(receiver.calls).toEqual([]);
  });
});

describe("in-process YAML handlers", () => {
  for (const protocol of ["json", "messagepack"] as const) {
    it(`answer invoke() and broadcast through the Store (${protocol})`, async () => {
      h = await startMock({
        upstream: {
          handlers: {
            chat: {
              Echo: { result: "{0}" },
              SendMessage: { broadcast: "newMessage", arguments: ["{userId}", "{0}"] },
              Fail: { error: "not today" },
            },
          },
        },
      });
      const alice = await client(h, protocol, "", { "asrs.s.uid": "alice" });
      const bob = await client(h, protocol, "", { "asrs.s.uid": "bob" });
      expect(await alice.connection.invoke("echo", { deep: [1, 2] })).toEqual({ deep: [1, 2] });
      await alice.connection.invoke("SendMessage", "hi");
      expect(await bob.until("newMessage")).toEqual([{ target: "newMessage", args: ["alice", "hi"] }]);
      await expect(bob.connection.invoke("Fail")).rejects.toThrow("not today");
      const recorded = await admin(h, "upstream?event=echo");
      expect(recorded.calls[0]?.route).toBe("in-process");
    });
  }

  it("keep refusing invocations when neither an upstream nor a handler is configured", async () => {
    h = await startMock();
    const c = await client(h);
    await expect(c.connection.invoke("Echo", 1)).rejects.toThrow();
    const error = await c.closed;
    expect(error?.message).toContain("serverless mode without an upstream");
  });
});

async function admin(mock: Harness, path: string) {
  const response = await fetch(`${mock.url}/_hubkit/${path}`, {
    headers: { Authorization: `Bearer ${await restToken(mock, "/_hubkit/")}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { calls: UpstreamRecord[]; templates: unknown[] };
}

async function restToken(mock: Harness, path: string): Promise<string> {
  const { signAccessToken } = await import("../../../src/auth/index.js");
  return signAccessToken({
    accessKey: ACCESS_KEY,
    audience: `${mock.url}${path}`,
    now: (mock as { clock?: { now(): number } }).clock,
  });
}

async function eventuallyLogged(mock: Harness, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 2000 && !mock.log.some((line) => pattern.test(line)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(mock.log.find((line) => pattern.test(line))).toBeDefined();
}

describe("programmatic hub handlers", () => {
  it("mock.hub(name).on(method) answers with the context's caller, claims and Store actions", async () => {
    const { createMockServer } = await import("../../../src/mock/index.js");
    const { signAccessToken, clientAudience } = await import("../../../src/auth/index.js");
    const server = await createMockServer({ port: 0 });
    const notes: string[] = [];
    server.events.subscribe((event) => {
      if (event.kind === "upstream") notes.push(event.summary);
    });
    try {
      server
        .hub("Chat")
        .on("Join", (ctx, room) => {
          ctx.addToGroup(String(room));
          ctx.sendToGroup(String(room), "joined", ctx.userId, ctx.claims.role);
          return `${ctx.connectionId} in ${room}`;
        })
        .on("Slow", async (_ctx, value) => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          return value;
        });
      const token = await signAccessToken({
        accessKey: server.accessKeys[0]!,
        audience: clientAudience(server.url, "chat"),
        claims: { "asrs.s.uid": "carol", role: "mod" },
      });
      const c = await startClient({
        url: `${server.url}/client/?hub=chat`,
        transport: "LongPolling",
        protocol: "json",
        targets: ["joined"],
        accessToken: token,
      });
      const id = c.connection.connectionId;
      expect(await c.connection.invoke("join", "lobby")).toBe(`${id} in lobby`);
      expect(await c.until("joined")).toEqual([{ target: "joined", args: ["carol", "mod"] }]);
      expect(await c.connection.invoke("Slow", [1])).toEqual([1]);
      expect(server.store.connection("chat", id ?? "")?.groups.has("lobby")).toBe(true);
      // Each call is on the live event stream for the dashboard.
      expect(notes[0]).toMatch(/^connections\/connected -> in-process:\/\/chat\/connected 200 [\d.]+ms$/);
      expect(notes[1]).toMatch(/^messages\/join -> in-process:\/\/chat\/join 200 [\d.]+ms completion=passed-through$/);
      await c.connection.stop();
    } finally {
      await server.close();
    }
  });

  it("takes handlers from a state file's handlers: section", async () => {
    const { parseFixture } = await import("../../../src/mock/index.js");
    h = await startMock({
      fixture: parseFixture("handlers:\n  chat:\n    Echo: { result: '{0}' }\n", "state.yaml", loadSpec()),
    });
    const c = await client(h);
    expect(await c.connection.invoke("Echo", "hello")).toBe("hello");
  });
});

describe("the chat example of docs/frontend.md", () => {
  it("works as written: broadcast, join a room with a result, send to the room", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseFixture } = await import("../../../src/mock/index.js");
    const doc = readFileSync(new URL("../../../docs/frontend.md", import.meta.url), "utf8");
    const yaml = /```yaml\n# chat\.yaml[^\n]*\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
    h = await startMock({ fixture: parseFixture(yaml, "docs/frontend.md", loadSpec()) });
    const alice = await client(h, "json", "", { "asrs.s.uid": "alice" });
    const bob = await startClient({
      url: `${h.url}/client/?hub=chat`,
      transport: "WebSockets",
      protocol: "messagepack",
      targets: ["newMessage", "roomMessage"],
      accessToken: await h.token("chat", { "asrs.s.uid": "bob" }),
    });
    await alice.connection.send("SendMessage", "hello everyone");
    expect(await bob.until("newMessage")).toEqual([{ target: "newMessage", args: ["alice", "hello everyone"] }]);
    expect(await bob.connection.invoke("JoinRoom", "lobby")).toBe("joined lobby");
    await alice.connection.invoke("SendToRoom", "lobby", "hi lobby");
    expect((await bob.until("roomMessage")).at(-1)).toEqual({ target: "roomMessage", args: ["alice", "hi lobby"] });
  });
});

describe("the admin API", () => {
  it("POST /_hubkit/fixtures adds hub handlers and templates to a running mock; a bad one is a 400 with positions", async () => {
    h = await startMock();
    const authorization = `Bearer ${await restToken(h, "/_hubkit/")}`;
    const post = (body: string) =>
      fetch(`${h?.url}/_hubkit/fixtures`, {
        method: "POST",
        headers: { Authorization: authorization, "Content-Type": "application/yaml" },
        body,
      });
    const bad = await post("handlers:\n  chat:\n    Echo: { reslt: 1 }\n");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("request body:3:13: handlers.chat.Echo.reslt: unknown key");
    expect((await post("handlers:\n  chat:\n    Echo: { result: '{0}' }\n")).status).toBe(200);
    const c = await client(h);
    expect(await c.connection.invoke("Echo", 42)).toBe(42);
    const state = await admin(h, "upstream");
    expect(state.calls.map((call) => call.event)).toEqual(["connected", "Echo"]);
  });
});
