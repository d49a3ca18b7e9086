// Provider states as mock fixtures: built in process and applied to a separate mock through its admin API.
import { afterEach, describe, expect, it } from "vitest";
import { addState, createFixtureStates } from "../../src/contracts/fixture-states.js";
import { isHubkitMock, remoteFixtureApplier } from "../../src/contracts/mock-admin.js";
import type { HubFixture } from "../../src/mock/fixtures/index.js";
import { applyFixture, createMockServer, InMemoryStore, type MockServer, type Store } from "../../src/mock/index.js";
import { loadSpec } from "../../src/spec/index.js";

const SPEC = loadSpec();

const KEY = "fixture-states-test-key-0123456789abcdef";

function realiserOn(store: Store) {
  return createFixtureStates(async (fixture) => {
    applyFixture(store, fixture, SPEC);
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

describe("a separately started mock, through its admin API", () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("is recognised, and takes fixtures over HTTP", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY] });
    const call = { endpoint: server.url, accessKey: KEY };
    expect(await isHubkitMock(call)).toBe(true);
    const states = createFixtureStates(remoteFixtureApplier(call));
    await states.setup({ name: "connection exists", hub: "chat", connectionId: "c1", userId: "u" });
    expect(server.store.connection("chat", "c1")?.userId).toBe("u");
  });

  it("says why it refused a state", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY] });
    const apply = remoteFixtureApplier({ endpoint: server.url, accessKey: KEY });
    await expect(apply({ hubs: { "9bad": { connections: ["c1"] } } })).rejects.toThrow(
      /the mock refused the state \(400\)/,
    );
  });

  it("is not recognised with a wrong key or where nothing listens", async () => {
    server = await createMockServer({ port: 0, accessKeys: [KEY] });
    expect(await isHubkitMock({ endpoint: server.url, accessKey: "another-key-0123456789abcdef" })).toBe(false);
    const url = server.url;
    await server.close();
    server = undefined;
    expect(await isHubkitMock({ endpoint: url, accessKey: KEY })).toBe(false);
  });
});
