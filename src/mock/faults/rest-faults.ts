// The fault layer in front of the mock's HTTP routes: picks the rule for a request, applies its effect (status,
// latency, reset, timeout, deliver-then-fail) and records attempts. Only reached while faults are armed.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { SpecIndex } from "../../spec/index.js";
import { MockHttpError, sendError } from "../errors.js";
import type { MockEvents } from "../events.js";
import { redactRequestTarget } from "../request-log.js";
import { type AttemptLog, retryAfterMs } from "./attempts.js";
import type { FaultSet, RequestFacts } from "./fault-set.js";
import type { FaultRule } from "./types.js";

export interface RestFaultsOptions {
  faults: FaultSet;
  router: SpecIndex["router"];
  events: MockEvents;
  attempts: AttemptLog;
  log: (line: string) => void;
  now: () => number;
}

export class RestFaults {
  /** Requests held open by `timeout`: destroyed on close so they neither leak nor stall shutdown. */
  private readonly held = new Set<ServerResponse>();

  constructor(private readonly options: RestFaultsOptions) {}

  /** Routes the request through its fault (if one fires) and records the attempt. Never throws. */
  intercept(req: IncomingMessage, res: ServerResponse, route: RequestListener): void {
    const facts = this.factsOf(req);
    const rule = this.options.faults.pickRequest(facts);
    const arrived = this.options.now();
    // The body is read alongside the pipeline's own reader, so listening starts only when the pipeline runs.
    const collect = this.account(req, res, facts, arrived, rule);
    const next: RequestListener = (q, s) => {
      collect();
      route(q, s);
    };
    if (!rule) {
      next(req, res);
      return;
    }
    this.note(rule, facts);
    const delay = this.options.faults.latencyOf(rule);
    const apply = () => this.apply(rule, { req, res, route: next, collect });
    if (delay > 0) {
      const timer = setTimeout(apply, delay);
      res.once("close", () => clearTimeout(timer));
    } else apply();
  }

  /** Ends every request a `timeout` fault held. */
  close(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  private apply(
    rule: FaultRule,
    call: { req: IncomingMessage; res: ServerResponse; route: RequestListener; collect: () => void },
  ): void {
    const { req, res, route } = call;
    if (res.destroyed) return;
    const effect = rule.effect;
    switch (effect.kind) {
      case "latency":
        route(req, res);
        return;
      case "status":
        call.collect();
        req.resume();
        sendError(res, req.method, failure(effect.status, effect.error, effect.retryAfter));
        return;
      case "reset":
        req.socket.destroy();
        return;
      case "timeout":
        call.collect();
        req.resume();
        this.hold(res);
        return;
      case "deliverThenFail":
        this.failAfterSuccess(res, req.method, () => {
          if (effect.timeout) this.hold(res);
          else
            sendError(
              res,
              req.method,
              failure(
                effect.status,
                { code: "Error.Fault.Injected", message: `Fault injected by hubkit after delivery: ${effect.status}.` },
                effect.retryAfter,
              ),
            );
        });
        route(req, res);
        return;
      default:
        route(req, res);
    }
  }

  /** Lets the pipeline run (so the message is delivered) and swaps its 2xx answer for the failure. */
  private failAfterSuccess(res: ServerResponse, method: string | undefined, fail: () => void): void {
    const writeHead = res.writeHead;
    const end = res.end;
    let swallowed = false;
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      if (status >= 200 && status < 300) {
        swallowed = true;
        return this;
      }
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as ServerResponse["writeHead"];
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      res.writeHead = writeHead;
      res.end = end;
      if (!swallowed) return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
      fail();
      return this;
    } as ServerResponse["end"];
    void method;
  }

  private hold(res: ServerResponse): void {
    this.held.add(res);
    res.once("close", () => this.held.delete(res));
  }

  private factsOf(req: IncomingMessage): RequestFacts {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    const q = target.indexOf("?");
    const path = q < 0 ? target : target.slice(0, q);
    if (!path.startsWith("/api/")) {
      const admin = path.startsWith("/_hubkit/") && !path.startsWith("/_hubkit/hubs/");
      // Client endpoints name their hub in the query, so `match: { path, hub }` narrows a negotiate rule.
      const hub = path.startsWith("/client") ? new URLSearchParams(target.slice(q + 1)).get("hub") : null;
      return {
        method,
        path,
        ...(q >= 0 && hub ? { hub: hub.toLowerCase() } : {}),
        message: false,
        protectedTarget: admin,
        rest: false,
      };
    }
    const route = this.options.router.match(method, path);
    if (route.kind !== "matched") return { method, path, message: false, protectedTarget: false, rest: true };
    const operation = route.match.operation;
    const hub = route.match.params.hub;
    return {
      method,
      path,
      operationId: operation.operationId,
      ...(hub === undefined ? {} : { hub: hub.toLowerCase() }),
      message: operation.path.endsWith(":send"),
      protectedTarget: !operation.requiresAuth,
      rest: true,
    };
  }

  /** Records the call when it is answered or abandoned; returns the function that starts reading its body. */
  private account(
    req: IncomingMessage,
    res: ServerResponse,
    facts: RequestFacts,
    at: number,
    rule: FaultRule | undefined,
  ): () => void {
    if (!facts.rest) return NOTHING;
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = () =>
      req.on("data", (chunk: Buffer) => {
        if (size < 1024 * 1024) chunks.push(chunk);
        size += chunk.length;
      });
    const done = () => {
      res.off("finish", done);
      res.off("close", done);
      const answered = res.writableFinished;
      // Headers given to writeHead (as sendError does) are not readable through getHeader: the rule knows its own.
      const header = answered ? (res.getHeader("retry-after") ?? ruleRetryAfter(rule, res.statusCode)) : undefined;
      const wait = retryAfterMs(header === undefined ? undefined : String(header), at);
      const group = this.options.attempts.record({
        method: facts.method,
        target: redactRequestTarget(req.url ?? ""),
        body: Buffer.concat(chunks),
        attempt: {
          at,
          status: answered ? res.statusCode : 0,
          ...(wait === undefined ? {} : { retryAfterMs: wait }),
          ...(rule ? { faultId: rule.id } : {}),
        },
      });
      const n = group.attempts.length;
      if (n > 1) {
        this.options.log(
          `attempt ${n} of ${group.method} ${group.target}: ${group.gapsMs.at(-1)} ms after the previous one`,
        );
        const warning = group.warnings.at(-1);
        if (warning && group.warnings.length > 0 && warning.startsWith(`attempt ${n} `))
          this.options.log(`warning: ${warning}`);
      }
    };
    res.once("finish", done);
    res.once("close", done);
    return () => {
      collect();
    };
  }

  private note(rule: FaultRule, facts: RequestFacts): void {
    if (!this.options.events.active) return;
    this.options.events.publish({
      kind: "fault",
      ...(facts.hub === undefined ? {} : { hub: facts.hub }),
      summary: `fault ${rule.id} (${rule.effect.kind}) on ${facts.method} ${facts.operationId ?? facts.path}`,
      detail: {
        rule: rule.id,
        effect: rule.effect.kind,
        method: facts.method,
        path: facts.path,
        ...(facts.operationId ? { operationId: facts.operationId } : {}),
      },
    });
  }
}

const NOTHING = () => {};

/** The Retry-After a fired rule put on its answer (a status or deliver-then-fail answer with that status). */
function ruleRetryAfter(rule: FaultRule | undefined, status: number): string | undefined {
  const effect = rule?.effect;
  if (effect?.kind === "status" && effect.status === status) return effect.retryAfter;
  if (effect?.kind === "deliverThenFail" && !effect.timeout && effect.status === status) return effect.retryAfter;
  return undefined;
}

function failure(
  status: number,
  error: { code: string; message: string },
  retryAfter: string | undefined,
): MockHttpError {
  return new MockHttpError(
    status,
    { code: error.code, message: error.message },
    retryAfter === undefined ? undefined : { "retry-after": retryAfter },
  );
}
