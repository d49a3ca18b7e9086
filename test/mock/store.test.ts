// Store semantics with an injected clock: user-group TTLs, the 100-group limit, removals, closes, resets.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { Store } from "../../src/mock/store.js";
import { MAX_GROUPS_WITHOUT_TTL, UserGroups } from "../../src/mock/user-groups.js";
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

describe("memory in long runs", () => {
  const virtual = (store: Store, clock: ManualClock, hub: string, id: string, userId?: string) =>
    store.connect({ hub, id, sink: new VirtualConnectionSink(clock), kind: "virtual", ...(userId ? { userId } : {}) });

  it("a hub is forgotten when its last connection goes and it holds no pair", () => {
    const { store, clock } = setup();
    for (let run = 0; run < 500; run++) {
      virtual(store, clock, `run-${run}`, "c1", "alice");
      store.addConnectionToGroup(`run-${run}`, "g", "c1");
      store.close(store.hubConnections(`run-${run}`));
    }
    expect(store.hubCount()).toBe(0);
  });

  it("a hub with a live pair outlives its connections and is forgotten once the pair is removed", () => {
    const { store, clock } = setup();
    virtual(store, clock, "run-1", "c1", "alice");
    store.addUserToGroup("run-1", "alice", "g");
    store.addUserToGroup("run-1", "bob", "g");
    store.disconnect("run-1", "c1");
    expect(store.hubCount()).toBe(1);
    store.removeUserFromGroup("run-1", "alice", "g");
    expect(store.hubCount()).toBe(1);
    store.removeUserFromAllGroups("run-1", "bob");
    expect(store.hubCount()).toBe(0);
  });

  it("ttl = 0 for a user without connections makes no hub", () => {
    const { store } = setup();
    store.addUserToGroup("run-1", "alice", "g", 0);
    expect(store.hubCount()).toBe(0);
  });

  it("a hub whose pairs expired is forgotten when next looked at", () => {
    const { store, clock } = setup();
    store.addUserToGroup("run-1", "alice", "g", 60);
    clock.advance(59_999);
    expect(store.isUserInGroup("run-1", "alice", "g")).toBe(true);
    expect(store.hubCount()).toBe(1);
    clock.advance(1);
    expect(store.isUserInGroup("run-1", "alice", "g")).toBe(false);
    expect(store.hubCount()).toBe(0);
  });

  it("hubs whose pairs expired unseen are swept as new hubs appear", () => {
    const { store, clock } = setup();
    for (let run = 0; run < 100; run++) store.addUserToGroup(`old-${run}`, "alice", "g", 60);
    expect(store.hubCount()).toBe(100);
    clock.advance(60_000);
    for (let run = 0; run < 100; run++) virtual(store, clock, `new-${run}`, "c1");
    expect(store.hubCount()).toBe(100);
    expect(store.snapshot().hubs.every((hub) => hub.name.startsWith("new-"))).toBe(true);
  });

  it("expired pairs are pruned by add, isLive and pairs, so stored pairs stay bounded", () => {
    const clock = new ManualClock();
    const pairs = new UserGroups(clock);
    pairs.add("alice", "a", 1);
    pairs.add("alice", "b", 1);
    clock.advance(1000);
    pairs.add("alice", "c", 1);
    expect(pairs.storedCount()).toBe(1); // alice's expired a and b went on her next add
    pairs.add("bob", "a", 1);
    clock.advance(1000);
    expect(pairs.isLive("bob", "a")).toBe(false);
    expect(pairs.storedCount()).toBe(1);
    expect(pairs.pairs()).toEqual([]);
    expect(pairs.storedCount()).toBe(0);
    expect(pairs.hasLive()).toBe(false);

    // A user per request, each pair with a 1 s ttl: however long the run, memory holds about twice the live pairs.
    for (let i = 0; i < 10_000; i++) {
      pairs.add(`user-${i}`, "g", 1);
      clock.advance(100);
    }
    expect(pairs.storedCount()).toBeLessThanOrEqual(128);
    expect(pairs.pairs()).toHaveLength(9); // the ones added in the last 900 ms
  });
});
