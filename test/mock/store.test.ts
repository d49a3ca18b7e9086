// InMemoryStore: the shared Store contract, plus what only this implementation promises (memory in long runs).
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { InMemoryStore } from "../../src/mock/in-memory-store.js";
import { UserGroups } from "../../src/mock/user-groups.js";
import { VirtualConnectionSink } from "../../src/mock/virtual-connection.js";
import { describeStoreContract } from "./store-contract.js";

describeStoreContract("InMemoryStore", (clock) => new InMemoryStore({ clock }));

function setup() {
  const clock = new ManualClock();
  return { clock, store: new InMemoryStore({ clock }) };
}

describe("memory in long runs", () => {
  const virtual = (store: InMemoryStore, clock: ManualClock, hub: string, id: string, userId?: string) =>
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
