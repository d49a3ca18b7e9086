// Fault rules on WebSocket upgrades (a skipNegotiation client connects with the upgrade alone): refuse it with a
// status, reset or hold the socket, or delay it, as path rules do for negotiates. Only reached while faults are armed.
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { MockEvents } from "../events.js";
import type { FaultSet, RequestFacts } from "./fault-set.js";
import type { FaultRule } from "./types.js";

export class UpgradeFaults {
  /** Sockets a `timeout` rule holds: destroyed on close so they neither leak nor stall shutdown. */
  private readonly held = new Set<Duplex>();

  constructor(
    private readonly set: FaultSet,
    private readonly events: MockEvents,
    private readonly log: (line: string) => void,
  ) {}

  /** Applies the rule that fires for this upgrade, or calls `proceed` (at once, or after a `latency`). */
  intercept(req: IncomingMessage, socket: Duplex, proceed: () => void): void {
    const facts = upgradeFacts(req);
    const rule = this.set.pickRequest(facts);
    if (!rule) {
      proceed();
      return;
    }
    this.note(rule, facts);
    socket.on("error", () => {});
    const delay = this.set.latencyOf(rule);
    const apply = () => {
      if (!socket.destroyed) this.apply(rule, socket, proceed);
    };
    if (delay > 0) {
      const timer = setTimeout(apply, delay);
      socket.once("close", () => clearTimeout(timer));
    } else apply();
  }

  close(): void {
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }

  private apply(rule: FaultRule, socket: Duplex, proceed: () => void): void {
    const effect = rule.effect;
    switch (effect.kind) {
      case "status":
        refuseUpgrade(socket, effect.status, effect.error, effect.retryAfter);
        return;
      case "reset":
        socket.destroy();
        return;
      case "timeout":
        this.held.add(socket);
        socket.once("close", () => this.held.delete(socket));
        return;
      default:
        // latency (already waited) and deliverThenFail (an upgrade delivers nothing): the upgrade goes on.
        proceed();
    }
  }

  private note(rule: FaultRule, facts: RequestFacts): void {
    this.log(`fault ${rule.id}: ${rule.effect.kind} on the WebSocket upgrade ${facts.path}`);
    if (!this.events.active) return;
    this.events.publish({
      kind: "fault",
      ...(facts.hub === undefined ? {} : { hub: facts.hub }),
      summary: `fault ${rule.id} (${rule.effect.kind}) on the WebSocket upgrade ${facts.path}`,
      detail: { rule: rule.id, effect: rule.effect.kind, method: "GET", path: facts.path },
    });
  }
}

/** An upgrade is a GET on a client path; the hub comes from `?hub=`, so `match: { hub }` narrows a path rule. */
export function upgradeFacts(req: IncomingMessage): RequestFacts {
  const target = req.url ?? "/";
  const q = target.indexOf("?");
  const path = q < 0 ? target : target.slice(0, q);
  const hub = q < 0 ? null : new URLSearchParams(target.slice(q + 1)).get("hub");
  return {
    method: "GET",
    path,
    ...(hub ? { hub: hub.toLowerCase() } : {}),
    message: false,
    protectedTarget: false,
    rest: false,
  };
}

/** The refusal a client sees instead of `101 Switching Protocols`: the status, an ErrorDetail body, Retry-After. */
function refuseUpgrade(
  socket: Duplex,
  status: number,
  error: { code: string; message: string },
  retryAfter: string | undefined,
): void {
  const body = Buffer.from(JSON.stringify({ code: error.code, message: error.message }), "utf8");
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
    "Connection: close",
    "Content-Type: application/json; charset=utf-8",
    `Content-Length: ${body.length}`,
    `x-ms-error-code: ${error.code}`,
    ...(retryAfter === undefined ? [] : [`Retry-After: ${retryAfter}`]),
  ];
  socket.end(Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`), body]));
}
