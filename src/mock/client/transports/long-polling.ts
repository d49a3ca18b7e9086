// Long polling: frames queue until the client's next GET collects them; an idle poll ends empty after a bounded wait.
import type { ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Transport, TransportOwner } from "./transport.js";

export interface LongPollingOptions {
  /** How long an idle poll waits before answering 200 with no content (below the client's 100 s window). */
  pollTimeoutMs: number;
  maxBufferedBytes: number;
  /** True when the session speaks a binary protocol (sets the poll's content type). */
  isBinary: () => boolean;
  /** The client has been told the connection is over (a 204): nothing more to keep. */
  onFinished: () => void;
}

export class LongPollingTransport implements Transport {
  readonly kind = "LongPolling";
  readonly transferFormats = ["Text", "Binary"] as const;
  readonly inherentKeepAlive = true;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private poll: ServerResponse | undefined;
  private pollDeadline = 0;
  private closed = false;
  /** Set by the `drop` fault: every poll from now on is cut (socket destroyed) instead of answered. */
  private dropped = false;

  constructor(
    private readonly owner: TransportOwner,
    private readonly options: LongPollingOptions,
  ) {}

  send(frame: Buffer): void {
    if (this.closed) return;
    this.queue.push(frame);
    this.queuedBytes += frame.length;
    if (this.queuedBytes > this.options.maxBufferedBytes) {
      this.queue = [];
      this.queuedBytes = 0;
      this.owner.transportClosed("long-polling client stopped polling (too much data waiting)");
      return;
    }
    if (this.poll) this.answer(this.poll);
  }

  /** A GET after the first one. */
  handlePoll(res: ServerResponse): void {
    // A polling client is alive (it sends no pings); the silence that counts starts when its last poll ends.
    if (this.dropped) {
      res.destroy();
      return;
    }
    this.owner.heard();
    res.on("close", () => this.owner.heard());
    if (this.poll) this.answer(this.poll);
    if (this.queue.length > 0) {
      this.answer(res);
      return;
    }
    if (this.closed) {
      this.finish(res);
      return;
    }
    this.poll = res;
    this.pollDeadline = performance.now() + this.options.pollTimeoutMs;
    // An aborted poll must not swallow frames: forget it, and the next poll collects them.
    res.on("close", () => {
      if (this.poll === res) this.poll = undefined;
    });
  }

  tick(now: number): void {
    if (!this.poll) return;
    this.owner.heard();
    if (now >= this.pollDeadline) this.answer(this.poll);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.poll) return;
    if (this.queue.length > 0) {
      this.answer(this.poll);
    } else {
      this.finish(this.poll);
      this.poll = undefined;
    }
  }

  /**
   * The `drop` fault: the waiting poll (and any later one) has its socket destroyed, so the client's poll fails with a
   * network error, a transport failure (a 204 would be a clean end, which does not start automatic reconnect).
   */
  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.queue = [];
    this.queuedBytes = 0;
    const poll = this.poll;
    this.poll = undefined;
    poll?.destroy();
    this.owner.transportClosed("long poll dropped", true);
  }

  private finish(res: ServerResponse): void {
    res.writeHead(204).end();
    this.options.onFinished();
  }

  /** Answers a poll with everything queued (possibly nothing: the client simply polls again). */
  private answer(res: ServerResponse): void {
    if (this.poll === res) this.poll = undefined;
    if (res.writableEnded || res.destroyed) return;
    const body = this.queue.length === 1 ? this.queue[0]! : Buffer.concat(this.queue);
    this.queue = [];
    this.queuedBytes = 0;
    res.writeHead(200, {
      "Content-Type": this.options.isBinary() ? "application/octet-stream" : "text/plain; charset=utf-8",
      "Content-Length": body.length,
    });
    res.end(body);
  }
}
