// Server-Sent Events: server-to-client frames as `data:` events on one long GET; client data arrives by POST.
import type { ServerResponse } from "node:http";
import type { Transport, TransportOwner } from "./transport.js";

const DATA = Buffer.from("data: ");
const EVENT_END = Buffer.from("\r\n\r\n");

export class ServerSentEventsTransport implements Transport {
  readonly kind = "ServerSentEvents";
  readonly transferFormats = ["Text"] as const;

  constructor(
    private readonly response: ServerResponse,
    private readonly maxBufferedBytes: number,
  ) {}

  send(frame: Buffer): void {
    const res = this.response;
    if (res.writableEnded || res.destroyed) return;
    if (res.writableLength > this.maxBufferedBytes) {
      res.destroy();
      return;
    }
    res.cork();
    // JSON frames never hold a raw line feed; should one appear, each line must be its own `data:` field.
    const lines = frame.includes(0x0a) ? frame.toString("utf8").split("\n") : [frame];
    lines.forEach((line, i) => {
      res.write(i === 0 ? DATA : "\r\ndata: ");
      res.write(line);
    });
    res.write(EVENT_END);
    res.uncork();
  }

  close(): void {
    if (!this.response.writableEnded) this.response.end();
  }

  /** Cuts the event stream mid-flight (no Close message, no clean end): the client's EventSource reports an error. */
  drop(): void {
    this.response.destroy();
  }
}

/** Starts the event stream on `response` and wires it to its session. */
export function attachServerSentEvents(
  response: ServerResponse,
  owner: TransportOwner,
  maxBufferedBytes: number,
): ServerSentEventsTransport {
  response.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",
  });
  // A comment line makes some browsers fire `open` before the first event arrives.
  response.write(":\r\n");
  response.on("close", () => owner.transportClosed("event stream closed"));
  return new ServerSentEventsTransport(response, maxBufferedBytes);
}
