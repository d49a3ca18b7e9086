// The dashboard's view of the Store: hubs with counts, connections (transport, protocol, user, groups, since,
// messages in/out) and user-group pairs with their expiry, as one JSON snapshot.
import { HubSession } from "../client/hub-session.js";
import type { StampedEvent } from "../events.js";
import type { Connection, Store } from "../store.js";
import { VirtualConnectionSink } from "../virtual-connection.js";

/** A snapshot lists at most this many connections (the counts stay exact); a page cannot render 100,000 rows. */
const MAX_LISTED_CONNECTIONS = 2000;

export interface DashboardConnection {
  hub: string;
  id: string;
  userId?: string;
  kind: Connection["kind"];
  /** WebSockets, ServerSentEvents, LongPolling, or `virtual`. */
  transport: string;
  protocol?: string;
  groups: string[];
  connectedAt: string;
  messagesIn: number;
  /** Delivered since the first dashboard session started. */
  messagesOut: number;
}

export interface DashboardState {
  /** The mock's clock, so the page counts TTLs down from the same now. */
  now: string;
  hubs: Array<{ name: string; connections: number; live: number; virtual: number; groups: number; userGroups: number }>;
  connections: DashboardConnection[];
  /** Connections left out of `connections` by the cap. */
  unlisted: number;
  groups: Array<{ hub: string; group: string; connections: number }>;
  userGroups: Array<{ hub: string; user: string; group: string; expiresAt: string; withoutTtl: boolean }>;
}

/**
 * Counts what the Store delivers to each connection (live or virtual) for the "out" column, from the first dashboard
 * session on: a mock nobody watches (tests, benchmarks) pays nothing per delivery.
 */
export class DeliveryCounter {
  private readonly counts = new WeakMap<Connection, number>();
  private unlisten: (() => void) | undefined;

  constructor(private readonly store: Store) {}

  /** Idempotent. */
  start(): void {
    this.unlisten ??= this.store.listen({
      onDelivered: (recipients) => {
        for (const c of recipients) this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
      },
    });
  }

  stop(): void {
    this.unlisten?.();
  }

  of(connection: Connection): number {
    return this.counts.get(connection) ?? 0;
  }
}

export function dashboardState(store: Store, delivered: DeliveryCounter): DashboardState {
  const snapshot = store.snapshot();
  const state: DashboardState = {
    now: new Date(store.clock.now()).toISOString(),
    hubs: [],
    connections: [],
    unlisted: 0,
    groups: [],
    userGroups: [],
  };
  for (const hub of snapshot.hubs) {
    const connections = store.hubConnections(hub.name);
    const groups = new Map<string, number>();
    let live = 0;
    for (const c of connections) {
      if (c.kind === "live") live += 1;
      for (const g of c.groups) groups.set(g, (groups.get(g) ?? 0) + 1);
      if (state.connections.length < MAX_LISTED_CONNECTIONS) state.connections.push(describe(c, delivered));
      else state.unlisted += 1;
    }
    state.hubs.push({
      name: hub.name,
      connections: connections.length,
      live,
      virtual: connections.length - live,
      groups: groups.size,
      userGroups: hub.userGroups.length,
    });
    for (const [group, count] of groups) state.groups.push({ hub: hub.name, group, connections: count });
    for (const p of hub.userGroups) state.userGroups.push({ hub: hub.name, ...p });
  }
  return state;
}

function describe(c: Connection, delivered: DeliveryCounter): DashboardConnection {
  const session = c.sink instanceof HubSession ? c.sink : undefined;
  const out: DashboardConnection = {
    hub: c.hub,
    id: c.id,
    kind: c.kind,
    transport: session?.transport?.kind ?? (c.sink instanceof VirtualConnectionSink ? "virtual" : c.kind),
    groups: [...c.groups],
    connectedAt: new Date(c.connectedAt).toISOString(),
    messagesIn: session?.messagesIn ?? 0,
    messagesOut: delivered.of(c),
  };
  if (c.userId !== undefined) out.userId = c.userId;
  if (session?.protocol) out.protocol = session.protocol.name;
  return out;
}

/** A live client's connect event names `live`; the page wants its transport and protocol, known once it is up. */
export function withTransport(store: Store, event: StampedEvent): StampedEvent {
  if (event.kind !== "connected" || event.transport !== "live") return event;
  const sink = store.connection(event.hub, event.connectionId)?.sink;
  if (!(sink instanceof HubSession) || !sink.transport) return event;
  return { ...event, transport: sink.transport.kind, ...(sink.protocol ? { protocol: sink.protocol.name } : {}) };
}
