// The last upstream calls and their answers (bounded), for GET /_hubkit/upstream and the runner's expectUpstream.
import type { UpstreamCategory } from "./templates.js";

export interface UpstreamRecord {
  seq: number;
  /** Epoch milliseconds when the call started. */
  at: number;
  hub: string;
  category: UpstreamCategory;
  event: string;
  connectionId: string;
  userId?: string;
  /** `http` (a URL template matched), `in-process` (a hub handler) or `dropped` (nothing matched). */
  route: "http" | "in-process" | "dropped";
  url?: string;
  invocationId?: string;
  request?: {
    headers: Record<string, string>;
    /** JSON bodies as text; MessagePack bodies base64. */
    body: string;
    bodyEncoding: "utf8" | "base64";
  };
  /** What came back: a status, or why none came. */
  answer?: { status?: number; error?: string; bodyBytes?: number; body?: string };
  /** What the client got for an `invoke()`: the upstream's Completion, a void one, or the error text. */
  completion?: { kind: "passed-through" | "void" | "error"; error?: string };
  ms?: number;
}

/** Keeps the newest `limit` records; `seq` keeps counting so a reader can ask for what is new. */
export class UpstreamRecorder {
  private readonly records: UpstreamRecord[] = [];
  private seq = 0;
  private readonly listeners = new Set<(record: UpstreamRecord) => void>();

  constructor(private readonly limit = 1000) {}

  start(record: Omit<UpstreamRecord, "seq">): UpstreamRecord {
    this.seq += 1;
    const full = { seq: this.seq, ...record };
    this.records.push(full);
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
    return full;
  }

  /** The record is complete (answer known): listeners hear of it now. */
  finish(record: UpstreamRecord): void {
    for (const listener of this.listeners) listener(record);
  }

  list(filter: { hub?: string; event?: string; connectionId?: string; since?: number } = {}): UpstreamRecord[] {
    return this.records.filter(
      (r) =>
        (filter.hub === undefined || r.hub === filter.hub.toLowerCase()) &&
        (filter.event === undefined || r.event === filter.event) &&
        (filter.connectionId === undefined || r.connectionId === filter.connectionId) &&
        (filter.since === undefined || r.seq > filter.since),
    );
  }

  /** Called with each finished record; returns the unsubscribe function. */
  onFinished(listener: (record: UpstreamRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.records.length = 0;
  }
}
