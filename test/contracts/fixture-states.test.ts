// Provider states as mock fixtures: merged per interaction, then seeded through a Target (in process or a running mock).
import { afterEach, describe, expect, it } from "vitest";
import { addState, createFixtureStates } from "../../src/contracts/fixture-states.js";
import { applyFixture, createMockServer, InMemoryStore, type MockServer, type Store } from "../../src/mock/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { type HubFixture, openConnectionStringTarget, type Target } from "../../src/targets/index.js";

const SPEC = loadSpec();

const KEY = "fixture-states-test-key-0123456789abcdef";

function realiserOn(store: Store) {
  return createFixtureStates({
    seed: async (fixture) => {
      applyFixture(store, fixture, SPEC);
    },
  });
}

describe("addState", () => {
  it("merges the states of one interaction per effective hub and returns the values to inject", () => {
    const hubs = new Map<string, HubFixture>();
    expect(addState(hubs, { name: "connection exists", hub: "Chat", connectionId: "c1", userId: "u1" })).toEqual({
      hub: "Chat",
      connectionId: "c1",
      userId: "u1",
    });
    addState(hubs, { name: "connection in group", hub: "chat", group: "g", connectionId: "c1" });
    expect(addState(hubs, { name: "user connected", hub: "chat", userId: "u2" })).toMatchObject({
      connectionId: "u2-connection",
    });
    addState(hubs, { name: "user in group", hub: "chat", application: "App", group: "g", userId: "u3", ttl: 0 });
    expect(Object.fromEntries(hubs)).toEqual({
      chat: {
        connections: [
          { id: "c1", user: "u1", groups: ["g"] },
          { id: "u2-connection", user: "u2" },
        ],
      },
      app_chat: { userGroups: [{ user: "u3", group: "g", ttl: 0 }] },
    });
    addState(hubs, { name: "hub is empty", hub: "CHAT" });
    expect(hubs.get("chat")).toEqual({ connections: [], userGroups: [] });
  });

  it("refuses one connection given to two users", () => {
    const hubs = new Map<string, HubFixture>();
    addState(hubs, { name: "connection exists", hub: "chat", connectionId: "c1", userId: "u1" });
    expect(() => addState(hubs, { name: "connection exists", hub: "chat", connectionId: "c1", userId: "u2" })).toThrow(
      'connection c1 is given to user "u1" and to user "u2" in one interaction',
    );
  });
});

describe("createFixtureStates", () => {
  it("builds each interaction's state from a reset, so nothing leaks from the one before", async () => {
    const store = new InMemoryStore();
    const states = realiserOn(store);
    await states.reset();
    await states.setup({ name: "user connected", hub: "chat", userId: "alice" });
    await states.setup({ name: "user in group", hub: "chat", group: "g", userId: "alice" });
    expect(store.hasUser("chat", "alice")).toBe(true);
    expect(store.isUserInGroup("chat", "alice", "g")).toBe(true);
    expect(store.groupConnections("chat", "g").map((c) => c.id)).toEqual(["alice-connection"]);

    await states.reset();
    expect(store.snapshot().hubs).toEqual([]);
    await states.setup({ name: "connection in group", hub: "chat", group: "g2", connectionId: "c9" });
    expect(store.hasGroup("chat", "g2")).toBe(true);
    expect(store.hasUser("chat", "alice")).toBe(false);
  });
});

describe("a separately started mock, reached through the Target", () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("realises states through the running mock target's seed, as the suite runner does", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY] });
    const target = await openConnectionStringTarget(`Endpoint=${server.url};AccessKey=${KEY};Version=1.0;`);
    try {
      expect(target.kind).toBe("mock");
      const states = createFixtureStates(target as Target & Required<Pick<Target, "seed">>);
      await states.reset();
      await states.setup({ name: "connection exists", hub: "chat", connectionId: "c1", userId: "u" });
      expect(server.store.connection("chat", "c1")?.userId).toBe("u");
      await states.reset();
      expect(server.store.connection("chat", "c1")).toBeUndefined();
    } finally {
      await target.close();
    }
  });
});
