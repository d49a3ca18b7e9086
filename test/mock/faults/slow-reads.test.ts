// slowReads with real @microsoft/signalr clients: frames to the chosen client are held back (another client is not),
// released in order (at once when the rule is cleared), and a client whose backlog passes maxPending is cut off
// without a Close, losing what waited; plus the rule's validation.
import * as signalR from "@microsoft/signalr";
import { afterEach, describe, expect, it } from "vitest";
import { clientAudience, signAccessToken } from "../../../src/auth/index.js";
import { HubkitErrorList } from "../../../src/errors.js";
import { operationFacts, validateFaults } from "../../../src/mock/faults/index.js";
import { createMockServer, type MockServer, parseFixture } from "../../../src/mock/index.js";
import { loadServedSpec } from "../../../src/spec/index.js";
import { ACCESS_KEY, eventually, startClient, type TestClient } from "../client/harness.js";
import { restClient } from "../client/rest.js";

let server: MockServer;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.connection.stop()));
  await server?.close();
});

async function connect(
  transport: "WebSockets" | "ServerSentEvents" | "LongPolling" = "WebSockets",
  configure?: (b: signalR.HubConnectionBuilder) => signalR.HubConnectionBuilder,
) {
  const client = await startClient({
    url: `${server.url}/client/?hub=chat`,
    transport,
    protocol: "json",
    targets: ["msg"],
    accessToken: await signAccessToken({ accessKey: ACCESS_KEY, audience: clientAudience(server.url, "chat") }),
    ...(configure ? { configure } : {}),
  });
  clients.push(client);
  return client;
}

const texts = (client: TestClient) => client.received.map((m) => m.args[0]);

describe("slowReads", () => {
  it.each(["WebSockets", "ServerSentEvents", "LongPolling"] as const)(
    "holds back what the mock writes to the chosen %s client, and releases it in order once cleared",
    async (transport) => {
      const log: string[] = [];
      server = await createMockServer({ port: 0, log: (line) => log.push(line) });
      const rest = restClient(server.url, ACCESS_KEY);
      const slow = await connect(transport);
      const other = await connect(transport);
      const { added } = server.faults.add(
        [{ id: "slow", match: { connectionId: slow.connection.connectionId! }, slowReads: "10m" }],
        "test",
      );
      expect(added[0]!.effect).toEqual({ kind: "slowReads", delayMs: 600_000, maxPendingBytes: 4 * 1024 * 1024 });
      for (const text of ["one", "two", "three"]) expect(await rest.send("chat/:send", "msg", [text])).toBe(202);
      await eventually(() => texts(other).length === 3, "the other client's messages");
      // The first frame waits 10 minutes; everything after it queues behind.
      expect(texts(slow)).toEqual([]);
      expect(log.some((l) => l.includes("fault slow: reads slowed"))).toBe(true);

      server.faults.set.clear("slow");
      await eventually(() => texts(slow).length === 3, "the held messages");
      expect(texts(slow)).toEqual(["one", "two", "three"]);
      expect(await rest.send("chat/:send", "msg", ["after"])).toBe(202);
      await eventually(() => texts(slow).length === 4, "the message after the rule");
      expect(slow.connection.state).toBe(signalR.HubConnectionState.Connected);
    },
  );

  it("a connection the REST API closes gets what was held, then the Close message with the reason", async () => {
    server = await createMockServer({ port: 0 });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await connect();
    const id = client.connection.connectionId!;
    server.faults.add([{ match: { connectionId: id }, slowReads: "10m" }], "test");
    expect(await rest.send("chat/:send", "msg", ["held"])).toBe(202);
    const status = await rest.call({ method: "DELETE", path: `chat/connections/${id}`, query: { reason: "bye" } });
    expect(status).toBe(200);
    const error = await client.closed;
    expect(texts(client)).toEqual(["held"]);
    expect(String(error)).toContain("bye");
  });

  it("with stateful reconnect, a cut-off client resumes and gets the lost backlog replayed once", async () => {
    server = await createMockServer({ port: 0 });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await connect("WebSockets", (b) => b.withStatefulReconnect());
    const id = client.connection.connectionId!;
    server.faults.add(
      [{ id: "slow", match: { connectionId: id }, slowReads: { delay: "10m", maxPending: 300 }, times: 2 }],
      "test",
    );
    const big = "x".repeat(200);
    expect(await rest.send("chat/:send", "msg", [`${big}1`])).toBe(202);
    expect(await rest.send("chat/:send", "msg", [`${big}2`])).toBe(202);
    await eventually(() => texts(client).length === 2, "the replayed backlog");
    expect(texts(client)).toEqual([`${big}1`, `${big}2`]);
    expect(client.connection.connectionId).toBe(id);
    expect(await rest.send("chat/:send", "msg", ["after"])).toBe(202);
    await eventually(() => texts(client).includes("after"), "the message after the resume");
    expect(texts(client)).toEqual([`${big}1`, `${big}2`, "after"]);
  });

  it("releases frames one at a time after their delay and byte cost, in order", async () => {
    server = await createMockServer({ port: 0 });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await connect();
    server.faults.add([{ match: { hub: "chat" }, slowReads: { delay: "20ms", bytesPerSecond: 100_000 } }], "test");
    const sent = ["a", "b", "c", "d", "e"];
    for (const text of sent) expect(await rest.send("chat/:send", "msg", [text])).toBe(202);
    await eventually(() => texts(client).length === sent.length, "every message");
    expect(texts(client)).toEqual(sent);
    expect(server.faults.set.list()[0]!.fired).toBeGreaterThanOrEqual(sent.length);
  });

  it("cuts off a client whose backlog passes maxPending, without a Close: it reconnects and the backlog is lost", async () => {
    const log: string[] = [];
    server = await createMockServer({ port: 0, log: (line) => log.push(line) });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await connect("WebSockets", (b) => b.withAutomaticReconnect([0, 50, 100]));
    const firstId = client.connection.connectionId!;
    const reconnected = new Promise<string | undefined>((resolve) => client.connection.onreconnected(resolve));
    server.faults.add([{ match: { connectionId: firstId }, slowReads: { delay: "10m", maxPending: 300 } }], "test");
    const big = "x".repeat(200);
    expect(await rest.send("chat/:send", "msg", [`${big}1`])).toBe(202);
    expect(await rest.send("chat/:send", "msg", [`${big}2`])).toBe(202);
    const newId = await reconnected;
    expect(newId).not.toBe(firstId);
    expect(log.some((l) => l.includes("client too slow") && l.includes("more than maxPending 300"))).toBe(true);
    expect(await rest.send("chat/:send", "msg", ["after"])).toBe(202);
    await eventually(() => texts(client).includes("after"), "the message after the reconnect");
    expect(texts(client)).toEqual(["after"]);
  });
});

describe("slowReads validation", () => {
  const validate = (rule: Record<string, unknown>) => validateFaults([rule], operationFacts(loadServedSpec()));

  it("accepts a delay, a byte rate and a size with a unit", () => {
    const { rules, problems } = validate({
      match: { user: "alice" },
      slowReads: { bytesPerSecond: 1024, maxPending: "64KiB" },
    });
    expect(problems).toEqual([]);
    expect(rules[0]!.effect).toEqual({ kind: "slowReads", delayMs: 0, bytesPerSecond: 1024, maxPendingBytes: 65536 });
  });

  it.each([
    [{ slowReads: "soon" }, ["faults", 0, "slowReads"], /expected a delay per frame/],
    [{ slowReads: {} }, ["faults", 0, "slowReads"], /needs a delay above 0 or a bytesPerSecond/],
    [{ slowReads: { delay: "1s", bytesPerSecnd: 5 } }, ["faults", 0, "slowReads", "bytesPerSecnd"], /unknown key/],
    [{ slowReads: { bytesPerSecond: 0 } }, ["faults", 0, "slowReads", "bytesPerSecond"], /above 0/],
    [{ slowReads: { delay: "1s", maxPending: "lots" } }, ["faults", 0, "slowReads", "maxPending"], /64KiB/],
  ])("refuses %j", (rule, path, message) => {
    const { problems } = validate(rule);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(path);
    expect(problems[0]!.message).toMatch(message);
  });

  it("suggests the key a typo meant", () => {
    const { problems } = validate({ slowReads: { delay: "1s", maxPendng: 10 } });
    expect(problems[0]!.hint).toBe("Did you mean 'maxPending'?");
  });

  it("warns that a request effect matched by user or connectionId matches nothing", () => {
    const { warnings } = validate({ match: { connectionId: "c1" }, status: 503 });
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining("user and connectionId match client")]);
  });
});

describe("slowReads from the admin API and a state file", () => {
  it("POST /_hubkit/faults arms it and DELETE releases what it held", async () => {
    server = await createMockServer({ port: 0 });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await connect();
    const token = await signAccessToken({ accessKey: ACCESS_KEY, audience: `${server.url}/_hubkit/` });
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const added = await admin("POST", "/_hubkit/faults", {
      id: "slow",
      match: { hub: "chat" },
      slowReads: { delay: "10m", maxPending: "1MiB" },
    });
    expect(added.status).toBe(200);
    expect(((await added.json()) as { added: unknown[] }).added[0]).toMatchObject({
      id: "slow",
      effect: { kind: "slowReads", delayMs: 600_000, maxPendingBytes: 1024 * 1024 },
    });
    expect(await rest.send("chat/:send", "msg", ["held"])).toBe(202);
    expect((await admin("DELETE", "/_hubkit/faults?id=slow")).status).toBe(200);
    await eventually(() => texts(client).includes("held"), "the released message");
  });

  it("a state file's bad slowReads names file:line:col and the key it meant", () => {
    const text = ["faults:", "  - match: { user: alice }", "    slowReads: { dealy: 200ms }"].join("\n");
    let error: unknown;
    try {
      parseFixture(text, "mocks/slow.yaml", loadServedSpec());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubkitErrorList);
    const problems = (error as HubkitErrorList).problems.map(
      (p) => `${p.position?.line}:${p.position?.column} ${p.message} ${p.hint ?? ""}`,
    );
    expect(problems).toEqual([expect.stringMatching(/^3:18 unknown key 'dealy' in slowReads Did you mean 'delay'\?/)]);
  });

  it("a state file's rule is armed at start", async () => {
    const fixture = parseFixture(
      ["faults:", "  - match: { user: alice }", "    slowReads: 300ms"].join("\n"),
      "mocks/slow.yaml",
      loadServedSpec(),
    );
    server = await createMockServer({ port: 0, fixture });
    expect(server.faults.set.list()).toEqual([
      expect.objectContaining({
        match: { user: "alice" },
        effect: expect.objectContaining({ kind: "slowReads", delayMs: 300 }),
      }),
    ]);
  });
});
