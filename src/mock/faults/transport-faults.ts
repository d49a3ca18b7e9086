// Client transport faults: drop connections without a Close (now, or every N seconds), hold back pings, slow reads.
import type { MockEvents } from "../events.js";
import { type ConnectionFacts, type FaultSet, matchesConnection } from "./fault-set.js";
import { readCost, SlowOutbox } from "./slow-reads.js";
import type { FaultRule } from "./types.js";

/** What a transport fault needs from a client connection (the mock's HubSession). */
export interface FaultableConnection {
  readonly hub: string;
  readonly userId: string | undefined;
  readonly connectionId: string;
  readonly state: string;
  /** The transport in use (its identity tells a resumed connection's frames from the old transport's). */
  readonly transport: unknown;
  /** Cuts the transport without a Close; false when there was nothing to cut. */
  drop(): boolean;
  /** Writes a frame to the transport now, past the fault hook (slowReads releasing what it held). */
  writeNow(frame: Buffer, binary: boolean): void;
}

interface Outbox {
  box: SlowOutbox;
  rule: FaultRule;
  maxPendingBytes: number;
}

/** How often periodic drops are checked; `every` is honoured to within this. */
const DROP_TICK_MS = 100;

export class TransportFaults {
  private connections: () => Iterable<FaultableConnection> = () => [];
  private timer: NodeJS.Timeout | undefined;
  private readonly lastDrop = new Map<string, number>();
  /** slowReads: the frames held per connection id; empty unless a slowReads rule fired. */
  private readonly outboxes = new Map<string, Outbox>();

  constructor(
    private readonly set: FaultSet,
    private readonly events: MockEvents,
    private readonly log: (line: string) => void,
  ) {}

  /** The client endpoints hand over their live connections. */
  attach(connections: () => Iterable<FaultableConnection>): void {
    this.connections = connections;
    this.set.onClear = () => this.releaseCleared();
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
    const rule = this.set.pickConnection(factsOf(connection), "stallPings");
    if (rule) this.note(rule, connection, "ping held back");
    return rule !== undefined;
  }

  /** Drops every live connection the rule matches; returns how many. */
  dropMatching(rule: FaultRule): number {
    let dropped = 0;
    for (const connection of [...this.connections()]) {
      if (connection.state !== "active") continue;
      if (!matchesConnection(rule.match, factsOf(connection))) continue;
      if (connection.drop()) {
        dropped += 1;
        this.note(rule, connection, "transport dropped without a Close");
      }
    }
    return dropped;
  }

  /**
   * Every frame the mock writes to a client passes here: true when a slowReads rule holds it back (it is written
   * later, in order). Once a connection has frames waiting, later frames queue behind them.
   */
  holds(connection: FaultableConnection, frame: Buffer, binary: boolean): boolean {
    if (this.set.size === 0 && this.outboxes.size === 0) return false;
    const id = connection.connectionId;
    let outbox = this.outboxes.get(id);
    const rule = this.set.size === 0 ? undefined : this.set.pickConnection(factsOf(connection), "slowReads");
    const effect = rule?.effect.kind === "slowReads" ? rule.effect : undefined;
    if (!outbox) {
      if (!rule || !effect) return false;
      const box = new SlowOutbox(connection, () => this.outboxes.delete(id));
      outbox = { box, rule, maxPendingBytes: effect.maxPendingBytes };
      this.outboxes.set(id, outbox);
      this.note(rule, connection, "reads slowed (frames held back)");
    } else if (rule && effect) {
      outbox.rule = rule;
      outbox.maxPendingBytes = effect.maxPendingBytes;
    }
    outbox.box.push(frame, binary, effect ? readCost(frame.length, effect) : 0);
    if (outbox.box.bytes > outbox.maxPendingBytes) this.cutOff(connection, outbox);
    return true;
  }

  /** The connection is ending: what it holds goes out first (its Close message among it). */
  release(connection: FaultableConnection): void {
    this.outboxes.get(connection.connectionId)?.box.flush();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const { box } of this.outboxes.values()) box.stop();
    this.outboxes.clear();
  }

  /** Past the bound: what waits is lost and the transport is cut without a Close (docs/faults.md). */
  private cutOff(connection: FaultableConnection, outbox: Outbox): void {
    const waiting = outbox.box.bytes;
    outbox.box.discard();
    this.note(
      outbox.rule,
      connection,
      `client too slow: ${waiting} bytes waiting, more than maxPending ${outbox.maxPendingBytes}; transport dropped without a Close`,
    );
    // Not from inside a delivery: the Store may be iterating its connections.
    setImmediate(() => connection.drop());
  }

  /** Rules were cleared: connections no slowReads rule matches any more get what was held for them at once. */
  private releaseCleared(): void {
    if (this.outboxes.size === 0) return;
    const byId = new Map<string, FaultableConnection>();
    for (const c of this.connections()) if (this.outboxes.has(c.connectionId)) byId.set(c.connectionId, c);
    for (const [id, { box }] of [...this.outboxes]) {
      const connection = byId.get(id);
      if (!connection) box.discard();
      else if (!this.set.hasConnectionRule(factsOf(connection), "slowReads")) box.flush();
    }
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

function factsOf(connection: FaultableConnection): ConnectionFacts {
  return { hub: connection.hub, userId: connection.userId, connectionId: connection.connectionId };
}
