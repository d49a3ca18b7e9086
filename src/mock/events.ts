// The mock's live event stream: one typed feed of what happens (REST calls, connects, deliveries, closes, upstream
// calls, faults) for the dashboard, the admin API and tests. Publishing costs nothing while nobody listens.
import type { IncomingMessage, ServerResponse } from "node:http";
import { redactRequestTarget } from "./request-log.js";
import type { Store } from "./store.js";

/** A REST call answered by the mock (not client transports or the admin API). */
export interface RestCallEvent {
  kind: "rest";
  method: string;
  /** The request target with tokens redacted (as in the request log). */
  path: string;
  status: number;
  ms: number;
  hub?: string;
  operationId?: string;
}

export interface ConnectedEvent {
  kind: "connected";
  hub: string;
  connectionId: string;
  userId?: string;
  /** `virtual` for seeded connections; otherwise the transport. */
  transport: string;
  protocol?: string;
}

export interface DisconnectedEvent {
  kind: "disconnected";
  hub: string;
  connectionId: string;
  userId?: string;
  reason?: string;
}

export interface DeliveredEvent {
  kind: "delivered";
  hub: string;
  target: string;
  /** How many connections received it. */
  recipients: number;
  /** The first few recipient ids (the full list can be large). */
  connectionIds: readonly string[];
}

/**
 * Anything a later feature records (upstream calls, faults fired, group changes, REST `:invoke` and `:execute`): a
 * kind and a one-line summary.
 */
export interface NoteEvent {
  kind: "upstream" | "fault" | "group" | "admin" | "invoke" | "execute";
  hub?: string;
  connectionId?: string;
  userId?: string;
  group?: string;
  summary: string;
  detail?: Record<string, unknown>;
}

export type MockEvent = RestCallEvent | ConnectedEvent | DisconnectedEvent | DeliveredEvent | NoteEvent;

/** An event as subscribers see it: numbered and stamped. */
export type StampedEvent = MockEvent & { seq: number; at: number };

export type EventSubscriber = (event: StampedEvent) => void;

export class MockEvents {
  private readonly subscribers = new Set<EventSubscriber>();
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** True when someone listens: publishers skip building events otherwise (the REST hot path stays free). */
  get active(): boolean {
    return this.subscribers.size > 0;
  }

  publish(event: MockEvent): void {
    if (this.subscribers.size === 0) return;
    this.seq += 1;
    const stamped = { ...event, seq: this.seq, at: this.now() } as StampedEvent;
    for (const subscriber of this.subscribers) {
      // A subscriber that throws must not break the mock's own work (a delivery, a REST answer).
      try {
        subscriber(stamped);
      } catch {
        // ignored on purpose: observers are best effort
      }
    }
  }

  subscribe(subscriber: EventSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }
}

/** How many recipient ids a delivery event carries (a broadcast to 10,000 clients names the first few). */
const MAX_IDS_PER_DELIVERY = 20;

/** Publishes the Store's connects, disconnects and deliveries; returns the function that stops it. */
export function bridgeStoreEvents(store: Store, events: MockEvents): () => void {
  return store.listen({
    onConnected(connection) {
      if (!events.active) return;
      events.publish({
        kind: "connected",
        hub: connection.hub,
        connectionId: connection.id,
        ...(connection.userId === undefined ? {} : { userId: connection.userId }),
        transport: connection.kind === "virtual" ? "virtual" : "live",
      });
    },
    onDisconnected(connection, reason) {
      if (!events.active) return;
      events.publish({
        kind: "disconnected",
        hub: connection.hub,
        connectionId: connection.id,
        ...(connection.userId === undefined ? {} : { userId: connection.userId }),
        ...(reason === undefined ? {} : { reason }),
      });
    },
    onDelivered(recipients, message) {
      if (!events.active || recipients.length === 0) return;
      events.publish({
        kind: "delivered",
        hub: recipients[0]!.hub,
        target: message.target,
        recipients: recipients.length,
        connectionIds: recipients.slice(0, MAX_IDS_PER_DELIVERY).map((c) => c.id),
      });
    },
  });
}

/** The admin API and dashboard talk to the mock under `/_hubkit/`; only the dev negotiate there is user traffic. */
function isOwnTraffic(url: string): boolean {
  return url.startsWith("/_hubkit/") && !url.startsWith("/_hubkit/hubs/");
}

/** Publishes one `rest` event when `res` finishes (called only while someone listens). */
export function trackRestEvent(events: MockEvents, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "";
  if (isOwnTraffic(url)) return;
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    events.publish({
      kind: "rest",
      method: req.method ?? "?",
      path: redactRequestTarget(url),
      status: res.statusCode,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
    });
  });
}
