// The `Store` interface: what REST handlers, client sessions, admin, dashboard, fixtures and upstream need of state.
import type { Clock } from "../clock.js";
import type { ConnectionSink, OutboundInvocation } from "./messages.js";

export { effectiveHubName } from "../spec/hub-name.js";

/**
 * One connection as the Store holds it. Hub, user and group names are compared case-sensitively except the hub,
 * which callers pass already normalised (`effectiveHubName`).
 */
export interface Connection {
  readonly id: string;
  /** The effective hub name (`app_hub`, lower case). */
  readonly hub: string;
  readonly userId: string | undefined;
  /** Groups this connection is in (case-sensitive names); changed only through the Store. */
  readonly groups: ReadonlySet<string>;
  readonly sink: ConnectionSink;
  /** `live`: a real client over a transport; `virtual`: seeded, records what it is sent. */
  readonly kind: "live" | "virtual";
  readonly connectedAt: number;
}

export interface NewConnection {
  hub: string;
  id: string;
  userId?: string;
  sink: ConnectionSink;
  kind: Connection["kind"];
}

/** Optional observers, called synchronously (the request log and the admin API use them). */
export interface StoreListener {
  onConnected?(connection: Connection): void;
  onDisconnected?(connection: Connection, reason: string | undefined): void;
  onDelivered?(recipients: readonly Connection[], message: OutboundInvocation): void;
  /** After `reset()`: every hub is gone (the admin API drops its message history then). */
  onReset?(): void;
}

export interface Selection {
  /** Connection ids to leave out. */
  excluded?: readonly string[];
}

/** The observable state, as the admin API, the dashboard and `hubkit mock` print it (no sinks, no secrets). */
export interface StoreSnapshot {
  hubs: Array<{
    name: string;
    connections: Array<{ id: string; userId?: string; groups: string[]; kind: Connection["kind"] }>;
    userGroups: Array<{ user: string; group: string; expiresAt: string; withoutTtl: boolean }>;
  }>;
}

/**
 * The mock's state behind one small seam: `InMemoryStore` is the first implementation; another (shared by several
 * mock instances) implements the same promises, which `test/mock/store-contract.ts` checks for any Store.
 * Every `hub` argument is an effective hub name. Nothing here does I/O except through the connections' sinks.
 */
export interface Store {
  /** The clock that stamps connections and expires user-group pairs (virtual sinks stamp with it too). */
  readonly clock: Clock;

  /** Registers observers; the returned function removes exactly this registration (calling it twice is harmless). */
  listen(listener: StoreListener): () => void;

  /** Adds a connection, which joins the groups of its user's live user-group pairs; throws on a duplicate id. */
  connect(spec: NewConnection): Connection;
  /** Forgets a connection whose transport already ended (it leaves its groups); false when it was not there. */
  disconnect(hub: string, id: string, reason?: string): boolean;
  /** The connection with this id, the same object `connect` returned while it lasts. */
  connection(hub: string, id: string): Connection | undefined;
  /** Connections held across every hub. */
  connectionCount(): number;

  /** At least one connection of the user is connected to the hub. */
  hasUser(hub: string, user: string): boolean;
  /** At least one connection is in the group. */
  hasGroup(hub: string, group: string): boolean;
  /** A live (unexpired) user-group pair exists, or one of the user's connections is in the group. */
  isUserInGroup(hub: string, user: string, group: string): boolean;

  /** Adds a connection to a group; false when the connection does not exist. */
  addConnectionToGroup(hub: string, group: string, id: string): boolean;
  /** Removes a connection from a group; false when the connection does not exist or was not in it. */
  removeConnectionFromGroup(hub: string, group: string, id: string): boolean;
  /** Removes a connection from every group it is in (nothing when it does not exist). */
  removeConnectionFromAllGroups(hub: string, id: string): void;
  /**
   * Adds the user's current connections to the group and keeps the pair for future connections: one year (at most
   * the latest 100 such groups per user) without a ttl, `ttlSeconds` with one, nothing kept when ttl <= 0.
   */
  addUserToGroup(hub: string, user: string, group: string, ttlSeconds?: number): void;
  /** Drops the pair and takes the user's connections out of the group. */
  removeUserFromGroup(hub: string, user: string, group: string): void;
  /** Drops every pair of the user and takes the user's connections out of every group. */
  removeUserFromAllGroups(hub: string, user: string): void;

  /** Every connection of the hub, minus the excluded ids. */
  hubConnections(hub: string, selection?: Selection): Connection[];
  /** The connections in the group, minus the excluded ids. */
  groupConnections(hub: string, group: string, selection?: Selection): Connection[];
  /** The user's connections, minus the excluded ids. */
  userConnections(hub: string, user: string, selection?: Selection): Connection[];

  /** Sends one invocation to each recipient (encoded once per protocol) and tells listeners; returns the count. */
  deliver(recipients: readonly Connection[], target: string, args: readonly unknown[]): number;
  /** Forgets each recipient, then closes its sink with the reason (a hub-protocol Close); returns the count. */
  close(recipients: readonly Connection[], reason?: string): number;

  /** The observable state: non-empty hubs with their connections and live user-group pairs. */
  snapshot(): StoreSnapshot;
  /** Closes every connection with the reason, forgets every hub and pair, then tells listeners `onReset`. */
  reset(reason?: string): void;
  /** Closes one hub's connections with the reason and forgets its user-group pairs. */
  resetHub(hub: string, reason?: string): void;
}
