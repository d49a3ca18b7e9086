// REST operations seen by real @microsoft/signalr clients, over every transport and hub protocol.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ManualClock } from "../../../src/clock.js";
import {
  ACCESS_KEY,
  COMBINATIONS,
  eventually,
  type Harness,
  type Received,
  startClient,
  startMock,
  type TestClient,
} from "./harness.js";
import { type Rest, restClient } from "./rest.js";

describe.each(COMBINATIONS)("REST effects on $transport clients speaking $protocol", ({ transport, protocol }) => {
  let mock: Harness & { clock: ManualClock };
  let rest: Rest;
  const clients: TestClient[] = [];
  let markers = 0;

  beforeEach(async () => {
    mock = await startMock();
    rest = restClient(mock.url, ACCESS_KEY, mock.clock);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.connection.stop()));
    await mock.close();
  });

  const join = async (hub: string, user?: string): Promise<TestClient & { id: string }> => {
    const client = await startClient({
      url: `${mock.url}/client/?hub=${hub}`,
      transport,
      protocol,
      targets: ["msg", "marker"],
      accessToken: await mock.token(hub, user === undefined ? {} : { "asrs.s.uid": user }),
    });
    clients.push(client);
    return Object.assign(client, { id: client.connection.connectionId ?? "" });
  };

  /**
   * What each client received since the last call: a marker is broadcast to every hub in play afterwards, and
   * whatever arrived before it is the answer. Deterministic: one transport delivers in order.
   */
  const inboxes = async (...watched: TestClient[]): Promise<Received[][]> => {
    markers += 1;
    for (const hub of ["chat", "other", "myapp_chat"])
      expect(await rest.send(`${hub}/:send`, "marker", [markers])).toBe(202);
    return Promise.all(
      watched.map(async (client) => {
        const upToMarker = await client.until("marker");
        client.received.splice(0, upToMarker.length);
        return upToMarker.slice(0, -1);
      }),
    );
  };

  const msg = (...args: unknown[]): Received => ({ target: "msg", args });

  it("broadcast reaches the hub (any case) except excluded connections, and no other hub", async () => {
    const [a1, a2, b, app, other] = [
      await join("chat", "alice"),
      await join("chat", "alice"),
      await join("chat", "bob"),
      await join("myapp_chat", "alice"),
      await join("other", "alice"),
    ];
    const payload = ["hello", 42, 1.5, true, null, { nested: ["x", { deep: 1 }] }];
    expect(await rest.send("Chat/:send", "msg", payload, { excluded: [a2.id] })).toBe(202);
    expect(await inboxes(a1, a2, b, app, other)).toEqual([[msg(...payload)], [], [msg(...payload)], [], []]);
    expect(await rest.send("CHAT/:send", "msg", [], { excluded: [a1.id, b.id] })).toBe(202);
    expect(await inboxes(a1, a2, b)).toEqual([[], [msg()], []]);
  });

  it("the application prefix reaches clients of app_hub only", async () => {
    const [plain, app] = [await join("chat"), await join("myapp_chat")];
    expect(await rest.send("Chat/:send", "msg", ["app"], { application: "MyApp" })).toBe(202);
    expect(await rest.send("chat/:send", "msg", ["plain"])).toBe(202);
    expect(await inboxes(plain, app)).toEqual([[msg("plain")], [msg("app")]]);
    expect(await rest.send(`chat/connections/${app.id}/:send`, "msg", ["direct"], { application: "myapp" })).toBe(202);
    expect(await inboxes(plain, app)).toEqual([[], [msg("direct")]]);
  });

  it("sends to one connection and to every connection of a user", async () => {
    const [a1, a2, b, appAlice] = [
      await join("chat", "alice"),
      await join("chat", "alice"),
      await join("chat", "bob"),
      await join("myapp_chat", "alice"),
    ];
    expect(await rest.send(`chat/connections/${b.id}/:send`, "msg", ["to b"])).toBe(202);
    expect(await rest.send("chat/users/alice/:send", "msg", ["to alice"])).toBe(202);
    expect(await rest.send("chat/users/Alice/:send", "msg", ["users are case-sensitive"])).toBe(202);
    expect(await inboxes(a1, a2, b, appAlice)).toEqual([[msg("to alice")], [msg("to alice")], [msg("to b")], []]);
  });

  it("group membership: join, send with excluded, leave, HEAD", async () => {
    const [a, b, c] = [await join("chat", "alice"), await join("chat", "bob"), await join("chat", "carol")];
    expect(await rest.call({ method: "HEAD", path: "chat/groups/g1" })).toBe(404);
    expect(await rest.call({ method: "PUT", path: `chat/groups/g1/connections/${a.id}` })).toBe(200);
    expect(await rest.call({ method: "PUT", path: `chat/groups/g1/connections/${b.id}` })).toBe(200);
    expect(await rest.call({ method: "HEAD", path: "chat/groups/g1" })).toBe(200);
    expect(await rest.send("chat/groups/g1/:send", "msg", ["g1"], { excluded: [b.id] })).toBe(202);
    expect(await rest.send("chat/groups/G1/:send", "msg", ["groups are case-sensitive"])).toBe(202);
    expect(await inboxes(a, b, c)).toEqual([[msg("g1")], [], []]);
    expect(await rest.call({ method: "DELETE", path: `chat/groups/g1/connections/${a.id}` })).toBe(200);
    expect(await rest.send("chat/groups/g1/:send", "msg", ["after leave"])).toBe(202);
    expect(await inboxes(a, b, c)).toEqual([[], [msg("after leave")], []]);
    expect(await rest.call({ method: "DELETE", path: `chat/connections/${b.id}/groups` })).toBe(200);
    expect(await rest.call({ method: "HEAD", path: "chat/groups/g1" })).toBe(404);
  });

  it("user groups: current and later connections join; ttl=0 and expired pairs do not reach later ones", async () => {
    const a1 = await join("chat", "alice");
    expect(await rest.call({ method: "PUT", path: "chat/users/alice/groups/forever" })).toBe(200);
    expect(await rest.call({ method: "PUT", path: "chat/users/alice/groups/now-only", query: { ttl: 0 } })).toBe(200);
    expect(await rest.call({ method: "PUT", path: "chat/users/alice/groups/brief", query: { ttl: 60 } })).toBe(200);
    mock.clock.advance(61_000);
    const a2 = await join("chat", "alice");
    const bob = await join("chat", "bob");
    for (const group of ["forever", "now-only", "brief"]) {
      expect(await rest.send(`chat/groups/${group}/:send`, "msg", [group])).toBe(202);
    }
    expect(await inboxes(a1, a2, bob)).toEqual([[msg("forever"), msg("now-only"), msg("brief")], [msg("forever")], []]);
    expect(await rest.call({ method: "HEAD", path: "chat/users/alice/groups/forever" })).toBe(200);
    expect(await rest.call({ method: "DELETE", path: "chat/users/alice/groups/forever" })).toBe(204);
    expect(await rest.send("chat/groups/forever/:send", "msg", ["gone"])).toBe(202);
    expect(await rest.call({ method: "DELETE", path: "chat/users/alice/groups" })).toBe(204);
    expect(await rest.send("chat/groups/now-only/:send", "msg", ["gone too"])).toBe(202);
    expect(await inboxes(a1, a2)).toEqual([[], []]);
  });

  it("closes one connection with its reason, and all, group and user connections except excluded", async () => {
    const [a1, a2, b, c] = [
      await join("chat", "alice"),
      await join("chat", "alice"),
      await join("chat", "bob"),
      await join("chat", "carol"),
    ];
    expect(
      await rest.call({ method: "DELETE", path: `chat/connections/${c.id}`, query: { reason: "bye carol" } }),
    ).toBe(200);
    expect((await c.closed)?.message).toBe("Server returned an error on close: bye carol");
    expect(
      await rest.call({
        method: "POST",
        path: "chat/users/alice/:closeConnections",
        query: { excluded: [a2.id], reason: "user" },
      }),
    ).toBe(204);
    expect((await a1.closed)?.message).toContain("user");
    expect(await rest.call({ method: "PUT", path: `chat/groups/g/connections/${a2.id}` })).toBe(200);
    expect(
      await rest.call({ method: "POST", path: "chat/groups/g/:closeConnections", query: { excluded: [a2.id] } }),
    ).toBe(204);
    expect(await rest.call({ method: "POST", path: "chat/:closeConnections", query: { excluded: [b.id] } })).toBe(204);
    // Closed without a reason: a Close message with no error, so the client stops cleanly.
    expect(await a2.closed).toBeUndefined();
    expect(await inboxes(b)).toEqual([[]]);
    expect(mock.store.hubConnections("chat").map((x) => x.id)).toEqual([b.id]);
    expect(await rest.call({ method: "POST", path: "chat/groups/none/:closeConnections" })).toBe(204);
    expect(await rest.call({ method: "POST", path: "chat/:closeConnections", query: { reason: "all" } })).toBe(204);
    expect((await b.closed)?.message).toBe("Server returned an error on close: all");
    await eventually(() => mock.store.connectionCount() === 0, "the store to be empty");
  });

  it("a connection that ends leaves its groups; HEAD connection, user and group follow live connections", async () => {
    const a = await join("chat", "alice");
    expect(await rest.call({ method: "PUT", path: `chat/groups/g/connections/${a.id}` })).toBe(200);
    for (const path of [`chat/connections/${a.id}`, "chat/users/alice", "chat/groups/g"]) {
      expect(await rest.call({ method: "HEAD", path })).toBe(200);
    }
    await a.connection.stop();
    await eventually(() => mock.store.connectionCount() === 0, "the connection to leave the store");
    for (const path of [`chat/connections/${a.id}`, "chat/users/alice", "chat/groups/g"]) {
      expect(await rest.call({ method: "HEAD", path })).toBe(404);
    }
    expect(mock.log.some((line) => line.includes(`client disconnected id=${a.id} user=alice hub=chat`))).toBe(true);
  });

  it("rejects a client invocation with a Close error (serverless without upstream)", async () => {
    const a = await join("chat", "alice");
    await a.connection.send("echo", "hi").catch(() => {});
    const error = await a.closed;
    expect(error?.message).toContain("Invocation of 'echo' is not allowed");
    expect(error?.message).toContain("serverless");
    await eventually(() => mock.store.connectionCount() === 0, "the store to be empty");
  });
});
