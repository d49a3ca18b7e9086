// Checks the `faults:` list of a state file (or an admin/suite payload): every problem with its path, warnings apart.

import { parseDuration } from "../../duration.js";
import { suggestClosest } from "../../spec/index.js";
import { DEFAULT_MAX_BUFFERED_BYTES } from "../client/transports/transport.js";
import { MockErrorCodes } from "../errors.js";
import { isObj, type Obj, showFound } from "../found-value.js";
import {
  EFFECT_KEYS,
  type FaultEffect,
  type FaultMatch,
  type FaultRule,
  type LatencySpec,
  MATCH_KEYS,
  RULE_KEYS,
  TRANSPORT_EFFECTS,
} from "./types.js";

export type FaultPath = ReadonlyArray<string | number>;

export interface FaultProblem {
  path: FaultPath;
  at: "key" | "value";
  message: string;
  hint?: string;
}

/** What the validator knows about the operations (from the mock's SpecIndex). */
export interface OperationFacts {
  /** operationId -> HTTP method and whether it is a message API (`:send`). */
  operations: ReadonlyMap<string, { method: string; message: boolean }>;
}

export interface ValidatedFaults {
  rules: FaultRule[];
  problems: FaultProblem[];
  warnings: FaultProblem[];
}

/** The Management SDK's default HttpClientTimeout: a longer latency only ever shows as a client timeout. */
export const CLIENT_TIMEOUT_MS = 100_000;

const TERMINAL = EFFECT_KEYS.filter((k) => k !== "latency");

export function validateFaults(
  value: unknown,
  facts: OperationFacts,
  basePath: FaultPath = ["faults"],
): ValidatedFaults {
  const out: ValidatedFaults = { rules: [], problems: [], warnings: [] };
  if (value === null || value === undefined) return out;
  if (!Array.isArray(value)) {
    out.problems.push({
      path: basePath,
      at: "value",
      message: `expected a list of fault rules, found ${showFound(value)}`,
    });
    return out;
  }
  value.forEach((raw, i) => {
    const rule = validateRule(raw, [...basePath, i], facts, out);
    if (rule) out.rules.push(rule);
  });
  return out;
}

function validateRule(raw: unknown, at: FaultPath, facts: OperationFacts, out: ValidatedFaults): FaultRule | undefined {
  const fail = (path: FaultPath, message: string, hint?: string, where: "key" | "value" = "value") =>
    out.problems.push({ path: [...at, ...path], at: where, message, ...(hint ? { hint } : {}) });
  if (!isObj(raw)) {
    fail(
      [],
      `expected a fault rule mapping (match: ..., and one effect: ${EFFECT_KEYS.join(", ")}), found ${showFound(raw)}`,
    );
    return undefined;
  }
  const before = out.problems.length;
  for (const key of Object.keys(raw)) {
    if ((RULE_KEYS as readonly string[]).includes(key)) continue;
    const near = suggestClosest(key, RULE_KEYS);
    fail(
      [key],
      `unknown key '${key}' in a fault rule`,
      near ? `Did you mean '${near}'?` : `Rule keys: ${RULE_KEYS.join(", ")}.`,
      "key",
    );
  }
  const match = validateMatch(raw.match, facts, (p, m, h, w) => fail(["match", ...p], m, h, w));
  const terminal = TERMINAL.filter((k) => raw[k] !== undefined && raw[k] !== false);
  if (terminal.length > 1)
    fail([terminal[1]!], `a rule has one effect, found ${terminal.join(" and ")}`, "Split it into two rules.", "key");
  const unknownKeys = out.problems.length > before;
  if (terminal.length === 0 && raw.latency === undefined && !unknownKeys) {
    fail([], `a fault rule needs an effect: one of ${EFFECT_KEYS.join(", ")}`);
  }
  const latency = raw.latency === undefined ? undefined : validateLatency(raw.latency, (m) => fail(["latency"], m));
  const effect = terminal.length === 1 ? validateEffect(terminal[0]!, raw, fail) : { kind: "latency" as const };
  if (latency && effect && effect.kind !== "status" && effect.kind !== "deliverThenFail" && effect.kind !== "latency") {
    fail(["latency"], `latency combines with status or deliverThenFail, not with ${effect.kind}`);
  }
  const times = positiveInt(raw.times, (m) => fail(["times"], m));
  const nth = positiveInt(raw.nth, (m) => fail(["nth"], m));
  const whenConnections = positiveInt(raw.whenConnections, (m) => fail(["whenConnections"], m));
  const perDay = positiveInt(raw.perDay, (m) => fail(["perDay"], m));
  if (raw.probability !== undefined) {
    const p = raw.probability;
    if (typeof p !== "number" || !(p >= 0 && p <= 1))
      fail(["probability"], `expected a probability from 0 to 1, found ${showFound(p)}`);
  }
  if (raw.seed !== undefined && !Number.isInteger(raw.seed))
    fail(["seed"], `expected an integer seed, found ${showFound(raw.seed)}`);
  const forMs = raw.for === undefined ? undefined : parseDuration(raw.for);
  if (raw.for !== undefined && forMs === undefined)
    fail(["for"], `expected a duration such as 10s, found ${showFound(raw.for)}`);
  if (raw.id !== undefined && (typeof raw.id !== "string" || raw.id === ""))
    fail(["id"], `expected a non-empty string, found ${showFound(raw.id)}`);
  if (out.problems.length > before || !effect || !match) return undefined;

  if (latency && maxLatency(latency) > CLIENT_TIMEOUT_MS) {
    out.warnings.push({
      path: [...at, "latency"],
      at: "value",
      message: `latency above ${CLIENT_TIMEOUT_MS / 1000} s (the Management SDK's default HttpClientTimeout): clients time out before the answer`,
      hint: "Use `timeout: true` to test client timeouts; keep latency below the client's timeout to test slowness.",
    });
  }
  warnIfMatchesNothing(match, effect, facts, at, out);
  return {
    id: typeof raw.id === "string" ? raw.id : "",
    match,
    effect,
    ...(latency ? { latency } : {}),
    ...(times === undefined ? {} : { times }),
    ...(nth === undefined ? {} : { nth }),
    ...(typeof raw.probability === "number" ? { probability: raw.probability } : {}),
    ...(typeof raw.seed === "number" ? { seed: raw.seed } : {}),
    ...(forMs === undefined ? {} : { forMs }),
    ...(whenConnections === undefined ? {} : { whenConnections }),
    ...(perDay === undefined ? {} : { perDay }),
  };
}

type Fail = (path: FaultPath, message: string, hint?: string, where?: "key" | "value") => void;

function validateMatch(raw: unknown, facts: OperationFacts, fail: Fail): FaultMatch | undefined {
  if (raw === undefined) return {};
  if (!isObj(raw)) {
    fail([], `expected a mapping (${MATCH_KEYS.join(", ")}), found ${showFound(raw)}`);
    return undefined;
  }
  const match: FaultMatch = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(MATCH_KEYS as readonly string[]).includes(key)) {
      const near = suggestClosest(key, MATCH_KEYS);
      fail(
        [key],
        `unknown match key '${key}'`,
        near ? `Did you mean '${near}'?` : `Match keys: ${MATCH_KEYS.join(", ")}.`,
        "key",
      );
      continue;
    }
    if (typeof value !== "string" || value === "") {
      fail([key], `expected a non-empty string, found ${showFound(value)}`);
      continue;
    }
    if (key === "operationId" && !facts.operations.has(value)) {
      const near = suggestClosest(value, facts.operations.keys());
      fail(
        [key],
        `unknown operationId '${value}'`,
        near ? `Did you mean '${near}'?` : "See the operationIds in spec/.",
      );
      continue;
    }
    if (key === "class" && value !== "message" && value !== "other") {
      fail([key], `expected class message (the :send APIs) or other, found ${showFound(value)}`);
      continue;
    }
    if (key === "path" && !value.startsWith("/")) {
      fail([key], `expected a path starting with /, found ${showFound(value)}`);
      continue;
    }
    (match as Record<string, string>)[key] = key === "method" ? value.toUpperCase() : value;
  }
  return match;
}

function validateEffect(key: string, raw: Obj, fail: Fail): FaultEffect | undefined {
  const value = raw[key];
  const retryAfter = raw.retryAfter === undefined ? undefined : retryAfterOf(raw.retryAfter, fail);
  switch (key) {
    case "status": {
      if (!Number.isInteger(value) || (value as number) < 400 || (value as number) > 599) {
        fail([key], `expected an error status from 400 to 599, found ${showFound(value)}`);
        return undefined;
      }
      const status = value as number;
      return { kind: "status", status, error: errorOf(raw.error, status, fail), ...(retryAfter ? { retryAfter } : {}) };
    }
    case "reset":
    case "timeout":
    case "stallPings":
      if (value !== true) fail([key], `expected true, found ${showFound(value)}`);
      return { kind: key } as FaultEffect;
    case "deliverThenFail": {
      if (value === true)
        return { kind: "deliverThenFail", status: 500, timeout: false, ...(retryAfter ? { retryAfter } : {}) };
      if (!isObj(value)) {
        fail([key], `expected true, { status: 5xx } or { timeout: true }, found ${showFound(value)}`);
        return undefined;
      }
      const status = value.status ?? 500;
      if (!Number.isInteger(status) || (status as number) < 500 || (status as number) > 599) {
        fail([key, "status"], `expected a status from 500 to 599, found ${showFound(status)}`);
      }
      return {
        kind: "deliverThenFail",
        status: status as number,
        timeout: value.timeout === true,
        ...(retryAfter ? { retryAfter } : {}),
      };
    }
    case "slowReads":
      return slowReadsOf(value, fail);
    case "drop": {
      if (value === true) return { kind: "drop" };
      const everyMs = isObj(value) ? parseDuration(value.every) : undefined;
      if (everyMs === undefined || everyMs <= 0) {
        fail([key], `expected true or { every: <duration> }, found ${showFound(value)}`);
        return undefined;
      }
      return { kind: "drop", everyMs };
    }
    default:
      return undefined;
  }
}

/** `slowReads: 200ms` (per frame) or `{ delay, bytesPerSecond, maxPending }`. */
function slowReadsOf(value: unknown, fail: Fail): FaultEffect | undefined {
  const expected =
    "expected a delay per frame (200ms) or { delay: <duration>, bytesPerSecond: <n>, maxPending: <bytes> }";
  const fixed = parseDuration(value);
  if (fixed !== undefined) return { kind: "slowReads", delayMs: fixed, maxPendingBytes: DEFAULT_MAX_BUFFERED_BYTES };
  if (!isObj(value)) {
    fail(["slowReads"], `${expected}, found ${showFound(value)}`);
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(value)) {
    if (SLOW_READS_KEYS.includes(key)) continue;
    const near = suggestClosest(key, SLOW_READS_KEYS);
    fail(["slowReads", key], `unknown key '${key}' in slowReads`, near ? `Did you mean '${near}'?` : expected, "key");
    ok = false;
  }
  const delayMs = value.delay === undefined ? 0 : parseDuration(value.delay);
  if (delayMs === undefined) {
    fail(["slowReads", "delay"], `expected a duration such as 200ms, found ${showFound(value.delay)}`);
    ok = false;
  }
  const rate = value.bytesPerSecond;
  if (rate !== undefined && !(typeof rate === "number" && rate > 0 && Number.isFinite(rate))) {
    fail(["slowReads", "bytesPerSecond"], `expected a number of bytes per second above 0, found ${showFound(rate)}`);
    ok = false;
  }
  const maxPendingBytes = value.maxPending === undefined ? DEFAULT_MAX_BUFFERED_BYTES : byteSize(value.maxPending);
  if (maxPendingBytes === undefined) {
    fail(
      ["slowReads", "maxPending"],
      `expected a size such as 65536, 64KiB or 4MiB, found ${showFound(value.maxPending)}`,
    );
    ok = false;
  }
  if (ok && !delayMs && rate === undefined) {
    fail(["slowReads"], `slowReads needs a delay above 0 or a bytesPerSecond, found ${showFound(value)}`);
    ok = false;
  }
  if (!ok || delayMs === undefined || maxPendingBytes === undefined) return undefined;
  return {
    kind: "slowReads",
    delayMs,
    ...(typeof rate === "number" ? { bytesPerSecond: rate } : {}),
    maxPendingBytes,
  };
}

const SLOW_READS_KEYS = ["delay", "bytesPerSecond", "maxPending"];
const BYTE_UNITS: Record<string, number> = { "": 1, b: 1, kb: 1000, kib: 1024, mb: 1_000_000, mib: 1024 * 1024 };

/** Bytes as a whole number (`65536`) or with a unit (`64KiB`, `4MB`). */
function byteSize(raw: unknown): number | undefined {
  if (typeof raw === "number") return Number.isInteger(raw) && raw >= 1 ? raw : undefined;
  const m = typeof raw === "string" ? /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw) : null;
  const unit = m ? BYTE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  const bytes = Math.round(Number(m[1]) * unit);
  return bytes >= 1 ? bytes : undefined;
}

function errorOf(raw: unknown, status: number, fail: Fail) {
  const fallback = {
    code: status === 429 ? "Error.Request.Throttled" : "Error.Fault.Injected",
    message: `Fault injected by hubkit: ${status}.`,
  };
  if (raw === undefined) return fallback;
  if (
    !isObj(raw) ||
    (raw.code !== undefined && typeof raw.code !== "string") ||
    (raw.message !== undefined && typeof raw.message !== "string")
  ) {
    fail(["error"], `expected { code: <text>, message: <text> }, found ${showFound(raw)}`);
    return fallback;
  }
  return { code: (raw.code as string) ?? fallback.code, message: (raw.message as string) ?? fallback.message };
}

/** `Retry-After` as seconds (`2`) or an HTTP date; kept as the header text. */
function retryAfterOf(raw: unknown, fail: Fail): string | undefined {
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0) return String(raw);
  if (typeof raw === "string" && /^\d+$/.test(raw)) return raw;
  if (typeof raw === "string" && !Number.isNaN(Date.parse(raw))) return new Date(raw).toUTCString();
  fail(["retryAfter"], `expected seconds (e.g. 2) or an HTTP date, found ${showFound(raw)}`);
  return undefined;
}

function validateLatency(raw: unknown, fail: (m: string) => void): LatencySpec | undefined {
  const fixed = parseDuration(raw);
  if (fixed !== undefined) return { kind: "fixed", ms: fixed };
  if (isObj(raw) && raw.distribution === "uniform") {
    const minMs = parseDuration(raw.min);
    const maxMs = parseDuration(raw.max);
    if (minMs !== undefined && maxMs !== undefined && minMs <= maxMs) return { kind: "uniform", minMs, maxMs };
  }
  if (isObj(raw) && raw.distribution === "lognormal") {
    const medianMs = parseDuration(raw.median);
    const sigma = raw.sigma ?? 0.5;
    if (medianMs !== undefined && typeof sigma === "number" && sigma >= 0 && sigma <= 3)
      return { kind: "lognormal", medianMs, sigma };
  }
  fail(
    `expected a duration (300ms), { distribution: uniform, min, max } or { distribution: lognormal, median, sigma }, found ${showFound(raw)}`,
  );
  return undefined;
}

function maxLatency(latency: LatencySpec): number {
  if (latency.kind === "fixed") return latency.ms;
  if (latency.kind === "uniform") return latency.maxMs;
  return latency.medianMs;
}

function warnIfMatchesNothing(
  match: FaultMatch,
  effect: FaultEffect,
  facts: OperationFacts,
  at: FaultPath,
  out: ValidatedFaults,
): void {
  const warn = (message: string) =>
    out.warnings.push({ path: [...at, "match"], at: "value", message: `this rule matches nothing: ${message}` });
  const transport = TRANSPORT_EFFECTS.has(effect.kind);
  if (transport && (match.operationId || match.class || match.method || match.path)) {
    warn(
      `${effect.kind} acts on client connections, which have no operationId, class, method or path (use hub, user or connectionId)`,
    );
    return;
  }
  if (!transport && (match.user || match.connectionId)) {
    warn(
      `${effect.kind} acts on requests; user and connectionId match client connections (drop, stallPings, slowReads)`,
    );
    return;
  }
  const op = match.operationId ? facts.operations.get(match.operationId) : undefined;
  if (op && match.method && op.method !== match.method && !(op.method === "HEAD" && match.method === "GET")) {
    warn(`${match.operationId} is ${op.method}, not ${match.method}`);
  } else if (op && match.class && op.message !== (match.class === "message")) {
    warn(`${match.operationId} is ${op.message ? "a message API" : "not a message API"}, not class ${match.class}`);
  } else if (match.path && !/^\/(api|client|_hubkit)\b/.test(match.path)) {
    warn(`the mock serves /api/..., /client/... and /_hubkit/...; ${match.path} is none of them`);
  } else if (effect.kind === "deliverThenFail" && op && !op.message) {
    warn(`deliverThenFail needs a message API; ${match.operationId} delivers nothing`);
  }
}

/** The ErrorDetail code for a rejected fault payload (admin API and suite steps). */
export const FAULT_INVALID_CODE = MockErrorCodes.fixtureInvalid;

function positiveInt(raw: unknown, fail: (m: string) => void): number | undefined {
  if (raw === undefined) return undefined;
  if (Number.isInteger(raw) && (raw as number) >= 1) return raw as number;
  fail(`expected a whole number of at least 1, found ${showFound(raw)}`);
  return undefined;
}

/** `faults[0].match.operationId` */
export function formatFaultPath(path: FaultPath): string {
  return path.reduce<string>((text, s) => (typeof s === "number" ? `${text}[${s}]` : text ? `${text}.${s}` : s), "");
}
