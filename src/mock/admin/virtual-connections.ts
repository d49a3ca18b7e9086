// Remembers every virtual connection's sink, so what it received (and its close) stays visible after it is gone.
import type { Store } from "../store.js";
import { VirtualConnectionSink } from "../virtual-connection.js";

/** A long-running mock forgets the oldest records beyond this many virtual connections. */
const MAX_TRACKED = 10_000;

export interface VirtualConnectionRecord {
  hub: string;
  connectionId: string;
  userId?: string;
  /** Still in the store (not closed, not replaced). */
  connected: boolean;
  received: Array<{ target: string; arguments: readonly unknown[]; at: string }>;
  closed?: { reason?: string; at: string };
}

interface Tracked {
  /** Position in connection order: page cursors point here, so eviction never shifts a page. */
  seq: number;
  hub: string;
  id: string;
  userId: string | undefined;
  sink: VirtualConnectionSink;
}

/** One page of `list`: the records, and the cursor of the next page when there is more. */
export interface VirtualConnectionPage {
  records: VirtualConnectionRecord[];
  next?: number;
}

/** A page stops once it holds this many bytes of recorded arguments (one connection at least), so it stays a string. */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;

export class VirtualConnections {
  private readonly tracked = new Map<string, Tracked>();
  private seq = 0;
  private readonly unlisten: () => void;

  constructor(private readonly store: Store) {
    this.unlisten = store.listen({
      onConnected: (c) => {
        if (!(c.sink instanceof VirtualConnectionSink)) return;
        const key = `${c.hub}\u0000${c.id}`;
        this.tracked.delete(key); // a re-seeded id starts a fresh history, at the end of the order
        this.tracked.set(key, { seq: ++this.seq, hub: c.hub, id: c.id, userId: c.userId, sink: c.sink });
        if (this.tracked.size > MAX_TRACKED) this.tracked.delete(this.tracked.keys().next().value!);
      },
      onReset: () => this.tracked.clear(),
    });
  }

  /** Records filtered by effective hub name (case-insensitive) and connection id (exact), in connection order. */
  list(filter: { hub?: string; connectionId?: string } = {}): VirtualConnectionRecord[] {
    const hub = filter.hub?.toLowerCase();
    const records: VirtualConnectionRecord[] = [];
    for (const t of this.tracked.values()) {
      if (hub !== undefined && t.hub !== hub) continue;
      if (filter.connectionId !== undefined && t.id !== filter.connectionId) continue;
      records.push(toRecord(t, this.store.connection(t.hub, t.id)?.sink === t.sink));
    }
    return records;
  }

  /** Like `list`, a page at a time: connections after cursor `after`, at most `limit`, within the page byte budget. */
  page(filter: { hub?: string; connectionId?: string }, after: number, limit: number): VirtualConnectionPage {
    const hub = filter.hub?.toLowerCase();
    const records: VirtualConnectionRecord[] = [];
    let bytes = 0;
    let last = after;
    for (const t of this.tracked.values()) {
      if (t.seq <= after) continue;
      if (hub !== undefined && t.hub !== hub) continue;
      if (filter.connectionId !== undefined && t.id !== filter.connectionId) continue;
      if (records.length === limit || (records.length > 0 && bytes + t.sink.recordedBytes > MAX_PAGE_BYTES)) {
        return { records, next: last };
      }
      bytes += t.sink.recordedBytes;
      last = t.seq;
      records.push(toRecord(t, this.store.connection(t.hub, t.id)?.sink === t.sink));
    }
    return { records };
  }

  dispose(): void {
    this.unlisten();
    this.tracked.clear();
  }
}

function toRecord(t: Tracked, connected: boolean): VirtualConnectionRecord {
  const record: VirtualConnectionRecord = {
    hub: t.hub,
    connectionId: t.id,
    connected,
    received: t.sink.received.map((m) => ({ target: m.target, arguments: m.arguments, at: iso(m.at) })),
  };
  if (t.userId !== undefined) record.userId = t.userId;
  const closed = t.sink.closedWith;
  if (closed)
    record.closed =
      closed.reason === undefined ? { at: iso(closed.at) } : { reason: closed.reason, at: iso(closed.at) };
  return record;
}

const iso = (ms: number): string => new Date(ms).toISOString();
