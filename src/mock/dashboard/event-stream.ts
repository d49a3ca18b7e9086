// The dashboard's Server-Sent Events stream: MockEvents in batches (one message per tick, not one per event), the
// state snapshot whenever something changed, and a count of events dropped when the page cannot keep up.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MockEvents, StampedEvent } from "../events.js";

export interface EventStreamOptions {
  events: MockEvents;
  /** The state snapshot, serialised by the caller. */
  state: () => unknown;
  /** Adds what the dashboard knows and the event does not carry (a live connection's transport and protocol). */
  enrich?: (event: StampedEvent) => StampedEvent;
  /** Milliseconds between flushes; default 100. */
  flushMs?: number;
  /** Milliseconds between state pushes while things change; default 250. */
  stateMs?: number;
}

/** Events held between flushes; beyond it the oldest go (counted in `dropped`). */
const MAX_PENDING = 2000;
/** A page that stops reading must not grow the mock: above this many unsent bytes, batches are dropped. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;
const KEEP_ALIVE_MS = 15_000;
/** Tells EventSource how soon to retry after the mock restarts. */
const RETRY_MS = 1000;

export interface EventStream {
  end(): void;
}

export function openEventStream(req: IncomingMessage, res: ServerResponse, options: EventStreamOptions): EventStream {
  const flushMs = options.flushMs ?? 100;
  const stateMs = options.stateMs ?? 250;
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Accel-Buffering": "no",
    Connection: "keep-alive",
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  res.write(message("state", options.state()));
  let pending: StampedEvent[] = [];
  let dropped = 0;
  let stateDirty = false;
  let lastState = Date.now();
  let lastWrite = Date.now();

  const enrich = options.enrich ?? ((event: StampedEvent) => event);
  const unsubscribe = options.events.subscribe((event) => {
    pending.push(enrich(event));
    if (pending.length > MAX_PENDING) {
      // Halve at once (not one by one), so a flood costs O(1) per event.
      dropped += pending.length - MAX_PENDING / 2;
      pending = pending.slice(pending.length - MAX_PENDING / 2);
    }
    stateDirty = true;
  });

  const flush = () => {
    const now = Date.now();
    if (res.writableLength > MAX_UNSENT_BYTES) {
      dropped += pending.length;
      pending = [];
      return;
    }
    if (pending.length > 0 || dropped > 0) {
      res.write(message("events", { events: pending, dropped }));
      pending = [];
      dropped = 0;
      lastWrite = now;
    }
    if (stateDirty && now - lastState >= stateMs) {
      res.write(message("state", options.state()));
      stateDirty = false;
      lastState = now;
      lastWrite = now;
    }
    if (now - lastWrite >= KEEP_ALIVE_MS) {
      res.write(": keep-alive\n\n");
      lastWrite = now;
    }
  };
  const timer = setInterval(flush, flushMs);
  timer.unref();

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(timer);
    unsubscribe();
    res.end();
  };
  req.on("close", end);
  res.on("error", end);
  return { end };
}

function message(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
