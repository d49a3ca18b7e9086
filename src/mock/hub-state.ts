// The state of one (effective) hub: its connections, indexed by user and by group, and its user-group pairs.
import type { Clock } from "../clock.js";
import type { ConnectionSink } from "./messages.js";
import { UserGroups } from "./user-groups.js";

export interface Connection {
  readonly id: string;
  /** The effective hub name (`app_hub`, lower case). */
  readonly hub: string;
  readonly userId: string | undefined;
  /** Groups this connection is in (case-sensitive names). */
  readonly groups: Set<string>;
  readonly sink: ConnectionSink;
  /** `live`: a real client over a transport; `virtual`: seeded, records what it is sent. */
  readonly kind: "live" | "virtual";
  readonly connectedAt: number;
}

export class HubState {
  readonly connections = new Map<string, Connection>();
  readonly byUser = new Map<string, Set<Connection>>();
  readonly byGroup = new Map<string, Set<Connection>>();
  readonly userGroups: UserGroups;

  constructor(
    readonly name: string,
    clock: Clock,
  ) {
    this.userGroups = new UserGroups(clock);
  }

  attach(connection: Connection): void {
    this.connections.set(connection.id, connection);
    if (connection.userId === undefined) return;
    addTo(this.byUser, connection.userId, connection);
    // New connections of a user join every group of a live user-group pair.
    for (const group of this.userGroups.liveGroupsOf(connection.userId)) this.join(connection, group);
  }

  detach(connection: Connection): void {
    this.connections.delete(connection.id);
    if (connection.userId !== undefined) removeFrom(this.byUser, connection.userId, connection);
    for (const group of connection.groups) removeFrom(this.byGroup, group, connection);
    connection.groups.clear();
  }

  join(connection: Connection, group: string): void {
    connection.groups.add(group);
    addTo(this.byGroup, group, connection);
  }

  /** Returns false when the connection was not in the group. */
  leave(connection: Connection, group: string): boolean {
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
