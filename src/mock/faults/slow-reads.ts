// The `slowReads` fault's per-connection outbox: frames held back and released in order, one at a time, each after
// its own cost (the rule's delay plus its size at the rule's byte rate), so a frontend sees late delivery.

/** What the outbox needs from a client connection. */
export interface SlowReader {
  /** The transport now in use (a stateful reconnect swaps it): frames held for an older one are not sent. */
  readonly transport: unknown;
  /** Writes one frame to the transport at once, bypassing the fault hook. */
  writeNow(frame: Buffer, binary: boolean): void;
}

interface Held {
  frame: Buffer;
  binary: boolean;
  costMs: number;
  transport: unknown;
}

export class SlowOutbox {
  private queue: Held[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Bytes waiting: the bound past which the client is cut off. */
  bytes = 0;

  constructor(
    private readonly reader: SlowReader,
    /** The outbox emptied: its owner forgets it. */
    private readonly onEmpty: () => void,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  /** Queues a frame behind the others; it is released `costMs` after the one before it. */
  push(frame: Buffer, binary: boolean, costMs: number): void {
    this.queue.push({ frame, binary, costMs, transport: this.reader.transport });
    this.bytes += frame.length;
    this.schedule();
  }

  /** Writes everything held at once (the connection is ending, or its rule was cleared). */
  flush(): void {
    this.stop();
    for (const held of this.queue.splice(0)) this.write(held);
    this.bytes = 0;
    this.onEmpty();
  }

  /** Forgets everything held (the client was cut off: those frames are lost, as on a real dropped transport). */
  discard(): void {
    this.stop();
    this.queue = [];
    this.bytes = 0;
    this.onEmpty();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => this.release(), this.queue[0]!.costMs);
    this.timer.unref();
  }

  private release(): void {
    this.timer = undefined;
    const held = this.queue.shift();
    if (held) {
      this.bytes -= held.frame.length;
      this.write(held);
    }
    if (this.queue.length === 0) this.onEmpty();
    else this.schedule();
  }

  private write(held: Held): void {
    if (held.transport === this.reader.transport) this.reader.writeNow(held.frame, held.binary);
  }
}

/** Milliseconds one frame takes a slow reader: the fixed delay plus its size at the byte rate. */
export function readCost(bytes: number, effect: { delayMs: number; bytesPerSecond?: number }): number {
  const transfer = effect.bytesPerSecond === undefined ? 0 : (bytes * 1000) / effect.bytesPerSecond;
  return Math.max(0, Math.round(effect.delayMs + transfer));
}
