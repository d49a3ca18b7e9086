// The first Store: hubs, connections, users, groups and user-group TTLs in this process's memory. Injected Clock.
import { type Clock, systemClock } from "../clock.js";
import { HubState, type StoredConnection } from "./hub-state.js";
import { OutboundInvocation } from "./messages.js";
import type { Connection, NewConnection, Selection, Store, StoreListener, StoreSnapshot } from "./store.js";

/** A sweep for empty hubs runs when the hub count passes this (then twice the count the sweep left). */
const MIN_HUB_SWEEP_AT = 64;

/**
 * A hub is forgotten once it is empty (no connection, no live user-group pair): at once after a disconnect or a
 * removal, and lazily after its pairs expire (when it is next looked at, or in a sweep whenever the hub count has
 * doubled, amortised O(1) per new hub). A long run that names a fresh hub per test keeps only the hubs in use.
 */
export class InMemoryStore implements Store {
  private readonly hubs = new Map<string, HubState>();
  private hubSweepAt = MIN_HUB_SWEEP_AT;
  private readonly listeners: StoreListener[] = [];
  readonly clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  listen(listener: StoreListener): () => void {
    this.listeners.push(listener);
    return () => {
      // Guarded: a second call must not remove some other listener (`splice(-1, 1)` drops the last one).
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  // --- connections ---------------------------------------------------------------------------------------

  /** Adds a connection; it joins the groups of its user's live user-group pairs. Throws on a duplicate id. */
  connect(spec: NewConnection): Connection {
    const hub = this.hub(spec.hub);
    if (hub.connections.has(spec.id)) throw new Error(`connection ${spec.id} already exists in hub ${spec.hub}`);
    const connection: StoredConnection = {
      id: spec.id,
      hub: hub.name,
      userId: spec.userId,
      groups: new Set(),
      sink: spec.sink,
      kind: spec.kind,
      connectedAt: this.clock.now(),
    };
    hub.attach(connection);
    for (const l of this.listeners) l.onConnected?.(connection);
    return connection;
  }

  /** Forgets a connection that ended (the transport is already gone); it leaves all its groups. */
  disconnect(hubName: string, id: string, reason?: string): boolean {
    const hub = this.hubs.get(hubName);
    const connection = hub?.connections.get(id);
    if (!hub || !connection) return false;
    hub.detach(connection);
    if (hub.connections.size === 0) this.dropIfEmpty(hub);
    for (const l of this.listeners) l.onDisconnected?.(connection, reason);
    return true;
  }

  connection(hubName: string, id: string): Connection | undefined {
    return this.hubs.get(hubName)?.connections.get(id);
  }

  connectionCount(): number {
    let count = 0;
    for (const hub of this.hubs.values()) count += hub.connections.size;
    return count;
  }

  /** Hubs held in memory (an empty hub may linger until it is next looked at or swept). */
  hubCount(): number {
    return this.hubs.size;
  }

  // --- existence -----------------------------------------------------------------------------------------

  hasUser(hubName: string, user: string): boolean {
    return (this.hubs.get(hubName)?.byUser.get(user)?.size ?? 0) > 0;
  }

  hasGroup(hubName: string, group: string): boolean {
    return (this.hubs.get(hubName)?.byGroup.get(group)?.size ?? 0) > 0;
  }

  /** The user-group pair is live, or one of the user's connections is in the group. */
  isUserInGroup(hubName: string, user: string, group: string): boolean {
    const hub = this.hubs.get(hubName);
    if (!hub) return false;
    if (hub.userGroups.isLive(user, group)) return true;
    for (const connection of hub.byUser.get(user) ?? []) if (connection.groups.has(group)) return true;
    // The pair may just have expired; it was the last thing this hub held.
    if (hub.connections.size === 0) this.dropIfEmpty(hub);
    return false;
  }

  // --- groups --------------------------------------------------------------------------------------------

  /** Returns false when the connection does not exist. */
  addConnectionToGroup(hubName: string, group: string, id: string): boolean {
    const hub = this.hubs.get(hubName);
    const connection = hub?.connections.get(id);
    if (!hub || !connection) return false;
    hub.join(connection, group);
    return true;
  }

  /** Returns false when the connection does not exist or was not in the group. */
  removeConnectionFromGroup(hubName: string, group: string, id: string): boolean {
    const hub = this.hubs.get(hubName);
    const connection = hub?.connections.get(id);
    return hub !== undefined && connection !== undefined && hub.leave(connection, group);
  }

  removeConnectionFromAllGroups(hubName: string, id: string): void {
    const hub = this.hubs.get(hubName);
    const connection = hub?.connections.get(id);
    if (!hub || !connection) return;
    for (const group of [...connection.groups]) hub.leave(connection, group);
  }

  /** Adds the user's current connections and (unless ttl <= 0) stores the pair for future connections. */
  addUserToGroup(hubName: string, user: string, group: string, ttlSeconds?: number): void {
    const hub = this.hub(hubName);
    for (const connection of hub.byUser.get(user) ?? []) hub.join(connection, group);
    hub.userGroups.add(user, group, ttlSeconds);
    // ttl = 0 for a user without connections stores nothing: do not keep the hub made for it.
    if (hub.connections.size === 0) this.dropIfEmpty(hub);
  }

  removeUserFromGroup(hubName: string, user: string, group: string): void {
    const hub = this.hubs.get(hubName);
    if (!hub) return;
    hub.userGroups.remove(user, group);
    for (const connection of hub.byUser.get(user) ?? []) hub.leave(connection, group);
    if (hub.connections.size === 0) this.dropIfEmpty(hub);
  }

  removeUserFromAllGroups(hubName: string, user: string): void {
    const hub = this.hubs.get(hubName);
    if (!hub) return;
    hub.userGroups.removeAll(user);
    for (const connection of hub.byUser.get(user) ?? []) {
      for (const group of [...connection.groups]) hub.leave(connection, group);
    }
    if (hub.connections.size === 0) this.dropIfEmpty(hub);
  }

  // --- recipients ----------------------------------------------------------------------------------------

  hubConnections(hubName: string, selection: Selection = {}): Connection[] {
    return select(this.hubs.get(hubName)?.connections.values(), selection);
  }

  groupConnections(hubName: string, group: string, selection: Selection = {}): Connection[] {
    return select(this.hubs.get(hubName)?.byGroup.get(group), selection);
  }

  userConnections(hubName: string, user: string, selection: Selection = {}): Connection[] {
    return select(this.hubs.get(hubName)?.byUser.get(user), selection);
  }

  /** Delivers one invocation to each recipient; returns how many received it. */
  deliver(recipients: readonly Connection[], target: string, args: readonly unknown[]): number {
    if (recipients.length === 0) return 0;
    const message = new OutboundInvocation(target, args);
    for (const connection of recipients) connection.sink.deliver(message);
    for (const l of this.listeners) l.onDelivered?.(recipients, message);
    return recipients.length;
  }

  /** Closes each connection (Close message with the reason, then the transport) and forgets it. */
  close(recipients: readonly Connection[], reason?: string): number {
    for (const connection of recipients) {
      this.disconnect(connection.hub, connection.id, reason);
      connection.sink.close(reason);
    }
    return recipients.length;
  }

  // --- whole state ---------------------------------------------------------------------------------------

  snapshot(): StoreSnapshot {
    return {
      hubs: [...this.hubs.values()]
        .filter((hub) => !hub.isEmpty())
        .map((hub) => ({
          name: hub.name,
          connections: [...hub.connections.values()].map((c) => ({
            id: c.id,
            ...(c.userId === undefined ? {} : { userId: c.userId }),
            groups: [...c.groups],
            kind: c.kind,
          })),
          userGroups: hub.userGroups.pairs().map((p) => ({
            user: p.user,
            group: p.group,
            expiresAt: new Date(p.expiresAt).toISOString(),
            withoutTtl: p.withoutTtl,
          })),
        })),
    };
  }

  /** Closes every connection (with the given reason) and forgets every hub. */
  reset(reason = "hubkit mock state was reset"): void {
    for (const hub of [...this.hubs.values()]) this.close([...hub.connections.values()], reason);
    this.hubs.clear();
    for (const l of this.listeners) l.onReset?.();
  }

  /** Closes one hub's connections (with the given reason) and forgets its user-group pairs ("hub is empty"). */
  resetHub(hubName: string, reason = "hubkit mock hub was reset"): void {
    const hub = this.hubs.get(hubName);
    if (!hub) return;
    this.close([...hub.connections.values()], reason);
    this.hubs.delete(hubName);
  }

  private hub(name: string): HubState {
    let hub = this.hubs.get(name);
    if (!hub) {
      if (this.hubs.size >= this.hubSweepAt) this.sweepHubs();
      hub = new HubState(name, this.clock);
      this.hubs.set(name, hub);
    }
    return hub;
  }

  private dropIfEmpty(hub: HubState): void {
    if (hub.isEmpty() && this.hubs.get(hub.name) === hub) this.hubs.delete(hub.name);
  }

  /** Forgets hubs whose last user-group pairs expired while nobody looked at them. */
  private sweepHubs(): void {
    for (const hub of this.hubs.values()) if (hub.connections.size === 0) this.dropIfEmpty(hub);
    this.hubSweepAt = Math.max(MIN_HUB_SWEEP_AT, 2 * this.hubs.size);
  }
}

function select(source: Iterable<Connection> | undefined, selection: Selection): Connection[] {
  if (!source) return [];
  const excluded = selection.excluded?.length ? new Set(selection.excluded) : undefined;
  const result: Connection[] = [];
  for (const connection of source) if (!excluded?.has(connection.id)) result.push(connection);
  return result;
}
