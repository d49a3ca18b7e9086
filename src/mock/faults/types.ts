// The fault-rule model: what a rule matches, when it fires, and what it does (REST answers and client transports).
import type { ErrorDetail } from "../errors.js";

/** Message APIs (the `:send` family, retried by the Management SDK only on 501-599) vs every other operation. */
export type OperationClass = "message" | "other";

export interface FaultMatch {
  operationId?: string;
  class?: OperationClass;
  /** Hub name as in the path (case-insensitive); for transport faults, the client's hub. */
  hub?: string;
  method?: string;
  /** A literal path, or a prefix ending in `*` (e.g. `/client/negotiate`, `/api/hubs/chat/*`). */
  path?: string;
  /** Transport faults only: the client's user id. */
  user?: string;
  /** Transport faults only: one client connection. */
  connectionId?: string;
}

/** Fixed milliseconds, or a distribution (seeded like the rule's probability). */
export type LatencySpec =
  | { kind: "fixed"; ms: number }
  | { kind: "uniform"; minMs: number; maxMs: number }
  | { kind: "lognormal"; medianMs: number; sigma: number };

export type FaultEffect =
  | { kind: "status"; status: number; error: ErrorDetail; retryAfter?: string }
  | { kind: "latency" }
  | { kind: "reset" }
  | { kind: "timeout" }
  | { kind: "deliverThenFail"; status: number; timeout: boolean; retryAfter?: string }
  | { kind: "drop"; everyMs?: number }
  | { kind: "stallPings" }
  | SlowReadsEffect;

/**
 * `slowReads`: what the mock writes to a matching client is held back and released one frame at a time, each after
 * `delayMs` plus its size at `bytesPerSecond`; past `maxPendingBytes` waiting, the client is cut off (no Close).
 */
export interface SlowReadsEffect {
  kind: "slowReads";
  delayMs: number;
  bytesPerSecond?: number;
  maxPendingBytes: number;
}

/** A validated rule as the mock keeps it. */
export interface FaultRule {
  id: string;
  match: FaultMatch;
  effect: FaultEffect;
  latency?: LatencySpec;
  /** Fire at most this many times. */
  times?: number;
  /** Fire only on the n-th matching call (1-based). */
  nth?: number;
  /** Fire with this probability, from a generator seeded with `seed` (default 1): reproducible runs. */
  probability?: number;
  seed?: number;
  /** Fire only during this long after the rule was added (e.g. refuse negotiates for 10 s). */
  forMs?: number;
  /** Fire only while at least this many client connections are live (a connection quota, e.g. Free tier 20). */
  whenConnections?: number;
  /** Let this many matching calls through per day, then fire (a message quota, e.g. Free tier 20,000). */
  perDay?: number;
  /** Where the rule came from (`mocks/x.yaml`, `admin API`, a profile name), for notes and listings. */
  source?: string;
}

export const TRANSPORT_EFFECTS: ReadonlySet<FaultEffect["kind"]> = new Set(["drop", "stallPings", "slowReads"]);

/** The effect keys a rule may carry (exactly one, or `latency` alone or with `status`/`deliverThenFail`). */
export const EFFECT_KEYS = [
  "status",
  "latency",
  "reset",
  "timeout",
  "deliverThenFail",
  "drop",
  "stallPings",
  "slowReads",
] as const;

export const RULE_KEYS = [
  "id",
  "match",
  ...EFFECT_KEYS,
  "error",
  "retryAfter",
  "times",
  "nth",
  "probability",
  "seed",
  "for",
  "whenConnections",
  "perDay",
] as const;

export const MATCH_KEYS = ["operationId", "class", "hub", "method", "path", "user", "connectionId"] as const;
