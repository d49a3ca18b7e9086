// Client transport faults: drop connections without a Close (now, or every N seconds), hold back pings.
import type { MockEvents } from "../events.js";
import { type FaultSet, matchesConnection } from "./fault-set.js";
import type { FaultRule } from "./types.js";

/** What a transport fault needs from a client connection (the mock's HubSession). */
export interface FaultableConnection {
  readonly hub: string;
  readonly userId: string | undefined;
  readonly connectionId: string;
  readonly state: string;
  /** Cuts the transport without a Close; false when there was nothing to cut. */
  drop(): boolean;
}

/** How often periodic drops are checked; `every` is honoured to within this. */
const DROP_TICK_MS = 100;

export class TransportFaults {
  private connections: () => Iterable<FaultableConnection> = () => [];
  private timer: NodeJS.Timeout | undefined;
  private readonly lastDrop = new Map<string, number>();

  constructor(
    private readonly set: FaultSet,
    private readonly events: MockEvents,
    private readonly log: (line: string) => void,
  ) {}

  /** The client endpoints hand over their live connections. */
  attach(connections: () => Iterable<FaultableConnection>): void {
    this.connections = connections;
  }

  /** New rules: a `drop` without `every` acts at once; with `every`, on a timer. */
  added(rules: readonly FaultRule[]): void {
    for (const rule of rules) {
      if (rule.effect.kind !== "drop") continue;
      if (rule.effect.everyMs === undefined) this.dropMatching(rule);
      else {
        this.lastDrop.set(rule.id, performance.now());
        this.timer ??= setInterval(() => this.tick(), DROP_TICK_MS);
        this.timer.unref();
      }
    }
  }

  /** Called before each server ping: true holds it back (the client's server timeout then fires). */
  stallsPings(connection: FaultableConnection): boolean {
    if (!this.set.active) return false;
    const rule = this.set.pickConnection({ hub: connection.hub, userId: connection.userId }, "stallPings");
    if (rule) this.note(rule, connection, "ping held back");
    return rule !== undefined;
  }

  /** Drops every live connection the rule matches; returns how many. */
  dropMatching(rule: FaultRule): number {
    let dropped = 0;
    for (const connection of [...this.connections()]) {
      if (connection.state !== "active") continue;
      if (!matchesConnection(rule.match, { hub: connection.hub, userId: connection.userId })) continue;
      if (connection.drop()) {
        dropped += 1;
        this.note(rule, connection, "transport dropped without a Close");
      }
    }
    return dropped;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    const periodic = this.set.list().filter((r) => r.effect.kind === "drop" && r.effect.everyMs !== undefined);
    if (periodic.length === 0) {
      this.close();
      return;
    }
    for (const rule of periodic) {
      const every = rule.effect.kind === "drop" ? (rule.effect.everyMs ?? 0) : 0;
      if (now - (this.lastDrop.get(rule.id) ?? now) < every) continue;
      this.lastDrop.set(rule.id, now);
      this.dropMatching(rule);
    }
  }

  private note(rule: FaultRule, connection: FaultableConnection, what: string): void {
    this.log(`fault ${rule.id}: ${what} id=${connection.connectionId} hub=${connection.hub}`);
    if (!this.events.active) return;
    this.events.publish({
      kind: "fault",
      hub: connection.hub,
      connectionId: connection.connectionId,
      ...(connection.userId === undefined ? {} : { userId: connection.userId }),
      summary: `fault ${rule.id} (${rule.effect.kind}): ${what}`,
      detail: { rule: rule.id, effect: rule.effect.kind },
    });
  }
}
