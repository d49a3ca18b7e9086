// The state of one (effective) hub: its connections, indexed by user and by group, and its user-group pairs.
import type { Clock } from "../clock.js";
import type { Connection } from "./store.js";
import { UserGroups } from "./user-groups.js";

/** A connection as the in-memory Store keeps it: its group set is the one the indexes are built from. */
export interface StoredConnection extends Connection {
  readonly groups: Set<string>;
}

export class HubState {
  readonly connections = new Map<string, StoredConnection>();
  readonly byUser = new Map<string, Set<StoredConnection>>();
  readonly byGroup = new Map<string, Set<StoredConnection>>();
  readonly userGroups: UserGroups;

  constructor(
    readonly name: string,
    clock: Clock,
  ) {
    this.userGroups = new UserGroups(clock);
  }

  attach(connection: StoredConnection): void {
    this.connections.set(connection.id, connection);
    if (connection.userId === undefined) return;
    addTo(this.byUser, connection.userId, connection);
    // New connections of a user join every group of a live user-group pair.
    for (const group of this.userGroups.liveGroupsOf(connection.userId)) this.join(connection, group);
  }

  detach(connection: StoredConnection): void {
    this.connections.delete(connection.id);
    if (connection.userId !== undefined) removeFrom(this.byUser, connection.userId, connection);
    for (const group of connection.groups) removeFrom(this.byGroup, group, connection);
    connection.groups.clear();
  }

  join(connection: StoredConnection, group: string): void {
    connection.groups.add(group);
    addTo(this.byGroup, group, connection);
  }

  /** Returns false when the connection was not in the group. */
  leave(connection: StoredConnection, group: string): boolean {
    if (!connection.groups.delete(group)) return false;
    removeFrom(this.byGroup, group, connection);
    return true;
  }

  /** No connection and no live user-group pair: nothing of the hub is observable, so the store may forget it. */
  isEmpty(): boolean {
    return this.connections.size === 0 && !this.userGroups.hasLive();
  }
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
