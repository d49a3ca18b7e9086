// Store semantics with an injected clock: user-group TTLs, the 100-group limit, removals, closes, resets.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { Store } from "../../src/mock/store.js";
import { MAX_GROUPS_WITHOUT_TTL } from "../../src/mock/user-groups.js";
import { VirtualConnectionSink } from "../../src/mock/virtual-connection.js";

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

function setup() {
  const clock = new ManualClock();
  const store = new Store({ clock });
  const connect = (id: string, userId?: string) => {
    const sink = new VirtualConnectionSink(clock);
    store.connect({ hub: "chat", id, sink, kind: "virtual", ...(userId ? { userId } : {}) });
    return sink;
  };
  const groupIds = (group: string) =>
    store
      .groupConnections("chat", group)
      .map((c) => c.id)
      .sort();
  return { clock, store, connect, groupIds };
}

describe("user groups without ttl", () => {
  it("live for one year: a new connection joins until then, not after", () => {
    const { clock, store, connect, groupIds } = setup();
    store.addUserToGroup("chat", "alice", "room");
    clock.advance(YEAR - 1);
    connect("a1", "alice");
    expect(groupIds("room")).toEqual(["a1"]);
    expect(store.isUserInGroup("chat", "alice", "room")).toBe(true);
    clock.advance(1);
    connect("a2", "alice");
    expect(groupIds("room")).toEqual(["a1"]);
  });

  it("keeps only the latest updated 100 groups per user", () => {
    const { store } = setup();
    for (let i = 0; i <= MAX_GROUPS_WITHOUT_TTL; i++) store.addUserToGroup("chat", "alice", `g${i}`);
    expect(MAX_GROUPS_WITHOUT_TTL).toBe(100);
    expect(store.isUserInGroup("chat", "alice", "g0")).toBe(false);
    expect(store.isUserInGroup("chat", "alice", "g1")).toBe(true);
    expect(store.isUserInGroup("chat", "alice", "g100")).toBe(true);
  });

  it("an update makes a group the latest, so the least recently updated one is pruned instead", () => {
    const { store } = setup();
    for (let i = 0; i < MAX_GROUPS_WITHOUT_TTL; i++) store.addUserToGroup("chat", "alice", `g${i}`);
    store.addUserToGroup("chat", "alice", "g0");
    store.addUserToGroup("chat", "alice", "new");
    expect(store.isUserInGroup("chat", "alice", "g0")).toBe(true);
    expect(store.isUserInGroup("chat", "alice", "g1")).toBe(false);
  });

  it("pairs with a ttl do not count against the 100", () => {
    const { store } = setup();
    store.addUserToGroup("chat", "alice", "timed", 3600);
    for (let i = 0; i < MAX_GROUPS_WITHOUT_TTL + 1; i++) store.addUserToGroup("chat", "alice", `g${i}`);
    expect(store.isUserInGroup("chat", "alice", "timed")).toBe(true);
    expect(store.isUserInGroup("chat", "alice", "g0")).toBe(false);
  });

  it("the limit is per user", () => {
    const { store } = setup();
    for (let i = 0; i < MAX_GROUPS_WITHOUT_TTL; i++) store.addUserToGroup("chat", "alice", `g${i}`);
    store.addUserToGroup("chat", "bob", "other");
    expect(store.isUserInGroup("chat", "alice", "g0")).toBe(true);
  });
});

describe("user groups with ttl", () => {
  it("ttl > 0 expires: new connections stop joining, connections already added stay", () => {
    const { clock, store, connect, groupIds } = setup();
    connect("a1", "alice");
    store.addUserToGroup("chat", "alice", "room", 60);
    expect(groupIds("room")).toEqual(["a1"]);
    clock.advance(59_999);
    connect("a2", "alice");
    expect(groupIds("room")).toEqual(["a1", "a2"]);
    clock.advance(1);
    connect("a3", "alice");
    expect(groupIds("room")).toEqual(["a1", "a2"]);
    expect(store.isUserInGroup("chat", "alice", "room")).toBe(true); // via a1 and a2, still in the group
    store.removeConnectionFromAllGroups("chat", "a1");
    store.removeConnectionFromAllGroups("chat", "a2");
    expect(store.isUserInGroup("chat", "alice", "room")).toBe(false);
  });

  it("adding again updates the ttl of the pair", () => {
    const { clock, store } = setup();
    store.addUserToGroup("chat", "alice", "room", 10);
    clock.advance(9_000);
    store.addUserToGroup("chat", "alice", "room", 10);
    clock.advance(9_000);
    expect(store.isUserInGroup("chat", "alice", "room")).toBe(true);
    clock.advance(1_000);
    expect(store.isUserInGroup("chat", "alice", "room")).toBe(false);
  });

  it("ttl = 0 adds only the current connections and stores no pair", () => {
    const { store, connect, groupIds } = setup();
    connect("a1", "alice");
    store.addUserToGroup("chat", "alice", "room", 0);
    expect(groupIds("room")).toEqual(["a1"]);
    expect(store.snapshot().hubs[0]?.userGroups).toEqual([]);
    connect("a2", "alice");
    expect(groupIds("room")).toEqual(["a1"]);
  });

  it("ttl = 0 for a user without connections leaves nothing behind", () => {
    const { store } = setup();
    store.addUserToGroup("chat", "alice", "room", 0);
    expect(store.isUserInGroup("chat", "alice", "room")).toBe(false);
    expect(store.snapshot().hubs).toEqual([]);
  });

  it("ttl = 0 ends an earlier pair (the emulator expires it at once)", () => {
    const { store, connect, groupIds } = setup();
    store.addUserToGroup("chat", "alice", "room");
    store.addUserToGroup("chat", "alice", "room", 0);
    connect("a1", "alice");
    expect(groupIds("room")).toEqual([]);
  });
});

describe("removal", () => {
  it("removing a user from a group removes the pair and the user's connections, not others", () => {
    const { store, connect, groupIds } = setup();
    connect("a1", "alice");
    connect("b1", "bob");
    store.addUserToGroup("chat", "alice", "room");
    store.addConnectionToGroup("chat", "room", "b1");
    store.removeUserFromGroup("chat", "alice", "room");
    expect(groupIds("room")).toEqual(["b1"]);
    connect("a2", "alice");
    expect(groupIds("room")).toEqual(["b1"]);
  });

  it("removing a user from all groups clears every pair and membership of the user", () => {
    const { store, connect, groupIds } = setup();
    connect("a1", "alice");
    store.addUserToGroup("chat", "alice", "one");
    store.addConnectionToGroup("chat", "two", "a1");
    store.addUserToGroup("chat", "alice", "three", 100);
    store.removeUserFromAllGroups("chat", "alice");
    expect([groupIds("one"), groupIds("two"), groupIds("three")]).toEqual([[], [], []]);
    expect(store.isUserInGroup("chat", "alice", "three")).toBe(false);
  });

  it("a closed connection leaves all its groups and receives the reason", () => {
    const { store, connect } = setup();
    const sink = connect("a1", "alice");
    store.addConnectionToGroup("chat", "g1", "a1");
    store.addConnectionToGroup("chat", "g2", "a1");
    store.close(store.userConnections("chat", "alice"), "bye");
    expect(store.hasGroup("chat", "g1") || store.hasGroup("chat", "g2")).toBe(false);
    expect(store.hasUser("chat", "alice")).toBe(false);
    expect(sink.closedWith).toEqual({ reason: "bye", at: expect.any(Number) });
  });

  it("removing a connection from a group it is not in reports false", () => {
    const { store, connect } = setup();
    connect("a1");
    expect(store.removeConnectionFromGroup("chat", "g", "a1")).toBe(false);
    expect(store.removeConnectionFromGroup("chat", "g", "ghost")).toBe(false);
    expect(store.addConnectionToGroup("chat", "g", "ghost")).toBe(false);
  });
});

describe("selection, delivery and listeners", () => {
  it("excluded leaves connections out of every selection", () => {
    const { store, connect } = setup();
    connect("a1", "alice");
    connect("a2", "alice");
    store.addUserToGroup("chat", "alice", "g");
    const ids = (list: { id: string }[]) => list.map((c) => c.id);
    expect(ids(store.hubConnections("chat", { excluded: ["a1"] }))).toEqual(["a2"]);
    expect(ids(store.groupConnections("chat", "g", { excluded: ["a2"] }))).toEqual(["a1"]);
    expect(ids(store.userConnections("chat", "alice", { excluded: ["a1", "a2"] }))).toEqual([]);
  });

  it("deliver records the invocation on each virtual sink", () => {
    const { store, connect } = setup();
    const sink = connect("a1");
    expect(store.deliver(store.hubConnections("chat"), "t", [1])).toBe(1);
    expect(sink.received).toEqual([{ target: "t", arguments: [1], at: expect.any(Number) }]);
    expect(store.deliver([], "t", [])).toBe(0);
  });

  it("an unsubscribe called twice removes only its own listener", () => {
    const { store, connect } = setup();
    const seen: string[] = [];
    const offA = store.listen({ onConnected: () => seen.push("a") });
    store.listen({ onConnected: () => seen.push("b") });
    offA();
    offA();
    connect("c1");
    expect(seen).toEqual(["b"]);
  });

  it("reset closes everything, forgets every hub and tells listeners", () => {
    const { store, connect } = setup();
    let resets = 0;
    store.listen({ onReset: () => resets++ });
    const sink = connect("a1");
    store.addUserToGroup("chat", "bob", "g");
    store.reset();
    expect(store.snapshot()).toEqual({ hubs: [] });
    expect(sink.closedWith?.reason).toBe("hubkit mock state was reset");
    expect(resets).toBe(1);
  });

  it("resetHub empties one hub and leaves the others", () => {
    const { store, clock } = setup();
    const sink = new VirtualConnectionSink(clock);
    store.connect({ hub: "chat", id: "a1", sink, kind: "virtual" });
    store.connect({ hub: "other", id: "o1", sink: new VirtualConnectionSink(clock), kind: "virtual" });
    store.addUserToGroup("chat", "bob", "g");
    store.resetHub("chat");
    store.resetHub("missing");
    expect(store.snapshot().hubs.map((h) => h.name)).toEqual(["other"]);
    expect(sink.closedWith?.reason).toBe("hubkit mock hub was reset");
  });

  it("refuses a duplicate connection id in one hub", () => {
    const { connect } = setup();
    connect("a1");
    expect(() => connect("a1")).toThrow(/already exists/);
  });
});
