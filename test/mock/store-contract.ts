// The behaviour every Store must show (selection, delivery, groups, user-group TTLs, close, snapshots), as one table.
import { describe, expect, it } from "vitest";
import { type Clock, ManualClock } from "../../src/clock.js";
import type { Store, StoreSnapshot } from "../../src/mock/store.js";
import { effectiveHubName } from "../../src/mock/store.js";
import { MAX_GROUPS_WITHOUT_TTL } from "../../src/mock/user-groups.js";
import { VirtualConnectionSink } from "../../src/mock/virtual-connection.js";

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

/** Builds a fresh, empty store on the given clock (the table moves the clock to test expiry). */
export type StoreFactory = (clock: Clock) => Store;

/**
 * Registers the shared behavioural tests under `describe(name)`. An implementation runs them from its own test
 * file (`describeStoreContract("InMemoryStore", (clock) => new InMemoryStore({ clock }))`); anything it does beyond
 * the contract (memory bounds, sweeps) is tested there, not here.
 */
export function describeStoreContract(name: string, create: StoreFactory): void {
  function setup() {
    const clock = new ManualClock();
    const store = create(clock);
    const connectTo = (hub: string, id: string, userId?: string) => {
      const sink = new VirtualConnectionSink(clock);
      store.connect({ hub, id, sink, kind: "virtual", ...(userId ? { userId } : {}) });
      return sink;
    };
    const connect = (id: string, userId?: string) => connectTo("chat", id, userId);
    const groupIds = (group: string, hub = "chat") =>
      store
        .groupConnections(hub, group)
        .map((c) => c.id)
        .sort();
    return { clock, store, connect, connectTo, groupIds };
  }
  const ids = (list: readonly { id: string }[]) => list.map((c) => c.id).sort();

  describe(`${name}: connections`, () => {
    it("connect returns the connection, which connection() finds until it disconnects", () => {
      const { store, connect } = setup();
      connect("a1", "alice");
      const found = store.connection("chat", "a1");
      expect(found).toMatchObject({ id: "a1", hub: "chat", userId: "alice", kind: "virtual" });
      expect(found?.groups.size).toBe(0);
      expect(store.connection("chat", "A1")).toBeUndefined(); // ids are case-sensitive
      expect(store.disconnect("chat", "a1", "gone")).toBe(true);
      expect(store.connection("chat", "a1")).toBeUndefined();
      expect(store.disconnect("chat", "a1")).toBe(false);
    });

    it("connection() is the object connect returned; a new connection with the id is a new object", () => {
      const { store, clock } = setup();
      const spec = { hub: "chat", id: "a1", sink: new VirtualConnectionSink(clock), kind: "virtual" as const };
      const first = store.connect(spec);
      expect(store.connection("chat", "a1")).toBe(first);
      expect(store.hubConnections("chat")[0]).toBe(first);
      store.disconnect("chat", "a1");
      const second = store.connect(spec);
      expect(store.connection("chat", "a1")).toBe(second);
      expect(second).not.toBe(first);
    });

    it("refuses a duplicate connection id in one hub, accepts it in another", () => {
      const { connect, connectTo, store } = setup();
      connect("a1");
      expect(() => connect("a1")).toThrow(/already exists/);
      connectTo("other", "a1");
      expect(store.connectionCount()).toBe(2);
    });

    it("stamps a connection with the store's clock", () => {
      const { store, connect, clock } = setup();
      clock.advance(5_000);
      connect("a1");
      expect(store.connection("chat", "a1")?.connectedAt).toBe(clock.now());
      expect(store.clock.now()).toBe(clock.now());
    });

    it("hasUser follows the user's connections", () => {
      const { store, connect } = setup();
      expect(store.hasUser("chat", "alice")).toBe(false);
      connect("a1", "alice");
      expect(store.hasUser("chat", "alice")).toBe(true);
      expect(store.hasUser("chat", "Alice")).toBe(false);
      store.disconnect("chat", "a1");
      expect(store.hasUser("chat", "alice")).toBe(false);
    });
  });

  describe(`${name}: application prefix`, () => {
    it("the same hub of two applications (and without one) holds separate connections, users and groups", () => {
      const { store, connectTo } = setup();
      const app1 = effectiveHubName("Chat", "App1");
      const app2 = effectiveHubName("chat", "app2");
      expect(app1).toBe("app1_chat");
      connectTo(app1, "c1", "alice");
      connectTo(app2, "c1", "alice");
      connectTo("chat", "c2", "bob");
      store.addConnectionToGroup(app1, "room", "c1");
      store.addUserToGroup(app2, "carol", "room");
      expect(ids(store.hubConnections(app1))).toEqual(["c1"]);
      expect(ids(store.hubConnections("chat"))).toEqual(["c2"]);
      expect(ids(store.groupConnections(app2, "room"))).toEqual([]);
      expect(store.hasGroup(app1, "room")).toBe(true);
      expect(store.hasGroup("chat", "room")).toBe(false);
      expect(store.isUserInGroup(app2, "carol", "room")).toBe(true);
      expect(store.isUserInGroup(app1, "carol", "room")).toBe(false);
      expect(store.hasUser("chat", "alice")).toBe(false);
      store.close(store.hubConnections(app1));
      expect(store.connection(app2, "c1")).toBeDefined();
    });
  });

  describe(`${name}: groups`, () => {
    it("join and leave by connection; group names are case-sensitive", () => {
      const { store, connect, groupIds } = setup();
      connect("a1");
      connect("a2");
      expect(store.addConnectionToGroup("chat", "Room", "a1")).toBe(true);
      expect(store.addConnectionToGroup("chat", "Room", "a1")).toBe(true); // idempotent
      store.addConnectionToGroup("chat", "room", "a2");
      expect(groupIds("Room")).toEqual(["a1"]);
      expect(groupIds("room")).toEqual(["a2"]);
      expect([...(store.connection("chat", "a1")?.groups ?? [])]).toEqual(["Room"]);
      expect(store.removeConnectionFromGroup("chat", "Room", "a1")).toBe(true);
      expect(store.hasGroup("chat", "Room")).toBe(false);
      expect(store.hasGroup("chat", "room")).toBe(true);
    });

    it("removing a connection from a group it is not in, or an unknown connection, reports false", () => {
      const { store, connect } = setup();
      connect("a1");
      expect(store.removeConnectionFromGroup("chat", "g", "a1")).toBe(false);
      expect(store.removeConnectionFromGroup("chat", "g", "ghost")).toBe(false);
      expect(store.addConnectionToGroup("chat", "g", "ghost")).toBe(false);
      expect(store.hasGroup("chat", "g")).toBe(false);
    });

    it("removing a connection from all groups leaves it connected", () => {
      const { store, connect, groupIds } = setup();
      connect("a1");
      store.addConnectionToGroup("chat", "one", "a1");
      store.addConnectionToGroup("chat", "two", "a1");
      store.removeConnectionFromAllGroups("chat", "a1");
      store.removeConnectionFromAllGroups("chat", "ghost");
      expect([groupIds("one"), groupIds("two")]).toEqual([[], []]);
      expect(store.connection("chat", "a1")?.groups.size).toBe(0);
    });

    it("a disconnected connection leaves its groups", () => {
      const { store, connect } = setup();
      connect("a1");
      store.addConnectionToGroup("chat", "g", "a1");
      store.disconnect("chat", "a1");
      expect(store.hasGroup("chat", "g")).toBe(false);
      expect(store.groupConnections("chat", "g")).toEqual([]);
    });
  });

  describe(`${name}: user groups without ttl`, () => {
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

  describe(`${name}: user groups with ttl`, () => {
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

    it("an expired pair leaves the snapshot", () => {
      const { clock, store } = setup();
      store.addUserToGroup("chat", "alice", "room", 10);
      expect(store.snapshot().hubs[0]?.userGroups).toEqual([
        { user: "alice", group: "room", expiresAt: new Date(clock.now() + 10_000).toISOString(), withoutTtl: false },
      ]);
      clock.advance(10_000);
      expect(store.snapshot()).toEqual({ hubs: [] });
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

  describe(`${name}: removal`, () => {
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
  });

  describe(`${name}: selection and delivery`, () => {
    it("excluded leaves connections out of every selection", () => {
      const { store, connect } = setup();
      connect("a1", "alice");
      connect("a2", "alice");
      store.addUserToGroup("chat", "alice", "g");
      expect(ids(store.hubConnections("chat", { excluded: ["a1"] }))).toEqual(["a2"]);
      expect(ids(store.groupConnections("chat", "g", { excluded: ["a2"] }))).toEqual(["a1"]);
      expect(ids(store.userConnections("chat", "alice", { excluded: ["a1", "a2"] }))).toEqual([]);
      expect(ids(store.hubConnections("chat", { excluded: ["ghost"] }))).toEqual(["a1", "a2"]);
      expect(ids(store.hubConnections("chat", { excluded: [] }))).toEqual(["a1", "a2"]);
    });

    it("an unknown hub, group or user selects nobody", () => {
      const { store, connect } = setup();
      connect("a1", "alice");
      expect(store.hubConnections("nohub")).toEqual([]);
      expect(store.groupConnections("chat", "nogroup")).toEqual([]);
      expect(store.userConnections("chat", "nobody")).toEqual([]);
      expect(store.userConnections("nohub", "alice")).toEqual([]);
    });

    it("deliver hands one invocation to each recipient's sink, tells listeners and returns the count", () => {
      const { store, connect } = setup();
      const a = connect("a1");
      const b = connect("a2");
      const delivered: Array<[string[], string]> = [];
      store.listen({ onDelivered: (recipients, message) => delivered.push([ids(recipients), message.target]) });
      expect(store.deliver(store.hubConnections("chat", { excluded: ["a2"] }), "t", [1, "x"])).toBe(1);
      expect(a.received).toEqual([{ target: "t", arguments: [1, "x"], at: expect.any(Number) }]);
      expect(b.received).toEqual([]);
      expect(store.deliver([], "t", [])).toBe(0);
      expect(delivered).toEqual([[["a1"], "t"]]);
    });
  });

  describe(`${name}: close and listeners`, () => {
    it("close forgets each recipient, closes its sink with the reason and tells listeners", () => {
      const { store, connect } = setup();
      const sink = connect("a1", "alice");
      const other = connect("b1", "bob");
      store.addConnectionToGroup("chat", "g1", "a1");
      store.addConnectionToGroup("chat", "g2", "a1");
      const gone: Array<[string, string | undefined]> = [];
      store.listen({ onDisconnected: (c, reason) => gone.push([c.id, reason]) });
      expect(store.close(store.userConnections("chat", "alice"), "bye")).toBe(1);
      expect(store.hasGroup("chat", "g1") || store.hasGroup("chat", "g2")).toBe(false);
      expect(store.hasUser("chat", "alice")).toBe(false);
      expect(store.connectionCount()).toBe(1);
      expect(sink.closedWith).toEqual({ reason: "bye", at: expect.any(Number) });
      expect(other.closedWith).toBeUndefined();
      expect(gone).toEqual([["a1", "bye"]]);
    });

    it("listeners hear connects and disconnects with the reason", () => {
      const { store, connect } = setup();
      const seen: string[] = [];
      store.listen({
        onConnected: (c) => seen.push(`+${c.id}`),
        onDisconnected: (c, reason) => seen.push(`-${c.id}:${reason}`),
      });
      connect("a1");
      store.disconnect("chat", "a1", "transport closed");
      store.disconnect("chat", "a1", "again");
      expect(seen).toEqual(["+a1", "-a1:transport closed"]);
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

    it("reset closes everything, forgets every hub and pair and tells listeners", () => {
      const { store, connect, connectTo } = setup();
      let resets = 0;
      store.listen({ onReset: () => resets++ });
      const sink = connect("a1");
      const elsewhere = connectTo("other", "o1");
      store.addUserToGroup("chat", "bob", "g");
      store.reset();
      expect(store.snapshot()).toEqual({ hubs: [] });
      expect(store.connectionCount()).toBe(0);
      expect(store.isUserInGroup("chat", "bob", "g")).toBe(false);
      expect(sink.closedWith?.reason).toBe("hubkit mock state was reset");
      expect(elsewhere.closedWith?.reason).toBe("hubkit mock state was reset");
      expect(resets).toBe(1);
    });

    it("resetHub empties one hub and leaves the others", () => {
      const { store, connectTo } = setup();
      const sink = connectTo("chat", "a1");
      connectTo("other", "o1");
      store.addUserToGroup("chat", "bob", "g");
      store.resetHub("chat");
      store.resetHub("missing");
      expect(store.snapshot().hubs.map((h) => h.name)).toEqual(["other"]);
      expect(store.isUserInGroup("chat", "bob", "g")).toBe(false);
      expect(sink.closedWith?.reason).toBe("hubkit mock hub was reset");
    });
  });

  describe(`${name}: snapshot`, () => {
    it("lists non-empty hubs with their connections and live pairs; no sink or secret", () => {
      const { store, connect, connectTo, clock } = setup();
      connect("a1", "alice");
      connect("a2");
      store.addConnectionToGroup("chat", "g", "a2");
      store.addUserToGroup("chat", "alice", "room", 60);
      store.addUserToGroup("chat", "bob", "forever");
      connectTo("empty", "e1");
      store.disconnect("empty", "e1");
      expect(normalise(store.snapshot())).toEqual({
        hubs: [
          {
            name: "chat",
            connections: [
              { id: "a1", userId: "alice", groups: ["room"], kind: "virtual" },
              { id: "a2", groups: ["g"], kind: "virtual" },
            ],
            userGroups: [
              { user: "alice", group: "room", expiresAt: iso(clock.now() + 60_000), withoutTtl: false },
              { user: "bob", group: "forever", expiresAt: iso(clock.now() + YEAR), withoutTtl: true },
            ],
          },
        ],
      });
    });

    it("round trip: a snapshot rebuilt on a fresh store of the same kind gives the same snapshot", () => {
      const { store, connect, connectTo, clock } = setup();
      connect("a1", "alice");
      connect("a2", "bob");
      connectTo("app_chat", "x1");
      store.addConnectionToGroup("chat", "g", "a2");
      store.addConnectionToGroup("app_chat", "g", "x1");
      store.addUserToGroup("chat", "alice", "room", 90);
      clock.advance(30_000); // 60 s left on alice's pair when the snapshot is taken
      store.addUserToGroup("chat", "carol", "forever");
      const before = store.snapshot();
      const copy = create(clock);
      rebuild(copy, before, clock);
      expect(normalise(copy.snapshot())).toEqual(normalise(before));
      // The rebuilt pairs act as the originals: alice's next connection joins "room" until the ttl runs out.
      copy.connect({ hub: "chat", id: "a3", userId: "alice", sink: new VirtualConnectionSink(clock), kind: "virtual" });
      expect(ids(copy.groupConnections("chat", "room"))).toEqual(["a1", "a3"]);
      clock.advance(60_000);
      expect(copy.isUserInGroup("chat", "alice", "room")).toBe(true); // a1 and a3 are still in it
      expect(copy.isUserInGroup("chat", "carol", "forever")).toBe(true);
      const chat = copy.snapshot().hubs.find((hub) => hub.name === "chat");
      expect(chat?.userGroups.map((p) => p.group)).toEqual(["forever"]);
    });
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Order-free form of a snapshot: hubs, connections, groups and pairs sorted (a store need not keep any order). */
function normalise(snapshot: StoreSnapshot): StoreSnapshot {
  const byKey =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    hubs: snapshot.hubs
      .map((hub) => ({
        name: hub.name,
        connections: hub.connections.map((c) => ({ ...c, groups: [...c.groups].sort() })).sort(byKey((c) => c.id)),
        userGroups: [...hub.userGroups].sort(byKey((p) => `${p.user}\u0000${p.group}`)),
      }))
      .sort(byKey((hub) => hub.name)),
  };
}

/** Rebuilds a snapshot through the Store's own methods (what the admin API's fixtures do with the state file). */
function rebuild(store: Store, snapshot: StoreSnapshot, clock: Clock): void {
  for (const hub of snapshot.hubs) {
    for (const c of hub.connections) {
      const sink = new VirtualConnectionSink(clock);
      store.connect({
        hub: hub.name,
        id: c.id,
        sink,
        kind: c.kind,
        ...(c.userId === undefined ? {} : { userId: c.userId }),
      });
      for (const group of c.groups) store.addConnectionToGroup(hub.name, group, c.id);
    }
    for (const p of hub.userGroups) {
      const ttl = p.withoutTtl ? undefined : (Date.parse(p.expiresAt) - clock.now()) / 1000;
      store.addUserToGroup(hub.name, p.user, p.group, ttl);
    }
  }
}
