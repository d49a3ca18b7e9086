// The live set of fault rules: add, list, clear, and pick the rule (if any) that fires for a call or a connection.
import type { FaultMatch, FaultRule, LatencySpec } from "./types.js";
import { TRANSPORT_EFFECTS } from "./types.js";

/** What a REST (or client HTTP) request looks like to the matcher. */
export interface RequestFacts {
  method: string;
  path: string;
  operationId?: string;
  /** Hub as written in the path (lower-cased for matching). */
  hub?: string;
  message: boolean;
  /** The health probe and the admin API are only faulted by a rule that names them. */
  protectedTarget: boolean;
  /** A REST operation (under /api/) rather than a client or admin path. */
  rest: boolean;
}

/** What a client connection looks like to transport rules. */
export interface ConnectionFacts {
  hub: string;
  userId: string | undefined;
  connectionId?: string;
}

interface LiveRule {
  rule: FaultRule;
  calls: number;
  fired: number;
  addedAt: number;
  /** perDay: calls counted since `dayStart`. */
  dayCalls: number;
  dayStart: number;
  random: () => number;
}

/** A rule's runtime counters, as the admin API lists them. */
export interface RuleStatus extends FaultRule {
  calls: number;
  fired: number;
}

export class FaultSet {
  private live: LiveRule[] = [];
  private nextId = 1;
  /** Set once any rule was added (or accounting was asked for): from then on calls go through the fault layer. */
  private armed: boolean;

  /** Live client connections, for `whenConnections` (set by the mock). */
  connections: () => number = () => 0;
  /** Told after rules were cleared (slowReads releases what a cleared rule held). */
  onClear: () => void = () => {};

  constructor(
    private readonly now: () => number = () => performance.now(),
    options: { recordAttempts?: boolean } = {},
  ) {
    this.armed = options.recordAttempts === true;
  }

  /** The one cheap check on the hot path: false until a rule is added or attempt recording is on. */
  get active(): boolean {
    return this.armed;
  }

  add(rules: readonly FaultRule[], source: string): FaultRule[] {
    const added = rules.map((rule) => {
      const id = rule.id || `f${this.nextId++}`;
      return { ...rule, id, source: rule.source ?? source };
    });
    for (const rule of added) {
      this.live = this.live.filter((l) => l.rule.id !== rule.id);
      const now = this.now();
      this.live.push({
        rule,
        calls: 0,
        fired: 0,
        addedAt: now,
        dayCalls: 0,
        dayStart: now,
        random: mulberry32(rule.seed ?? 1),
      });
    }
    if (added.length > 0) this.armed = true;
    return added;
  }

  /** Removes one rule by id (true when it existed), or every rule. */
  clear(id?: string): boolean {
    const before = this.live.length;
    this.live = id === undefined ? [] : this.live.filter((l) => l.rule.id !== id);
    if (this.live.length < before) this.onClear();
    return this.live.length < before;
  }

  /** Removes the rules that came from one source (e.g. a suite's steps). */
  clearSource(source: string): void {
    const before = this.live.length;
    this.live = this.live.filter((l) => l.rule.source !== source);
    if (this.live.length < before) this.onClear();
  }

  /** True while a rule with this transport effect could match the connection (no counting, no firing). */
  hasConnectionRule(facts: ConnectionFacts, kind: FaultRule["effect"]["kind"]): boolean {
    return this.live.some((l) => l.rule.effect.kind === kind && matchesConnection(l.rule.match, facts));
  }

  list(): RuleStatus[] {
    return this.live.map((l) => ({ ...l.rule, calls: l.calls, fired: l.fired }));
  }

  get size(): number {
    return this.live.length;
  }

  /** The first REST-side rule that matches and fires, counting the call on every matching rule. */
  pickRequest(facts: RequestFacts): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    for (const live of this.live) {
      if (TRANSPORT_EFFECTS.has(live.rule.effect.kind) || !matchesRequest(live.rule.match, facts)) continue;
      live.calls += 1;
      if (!chosen && this.fires(live)) chosen = live.rule;
    }
    return chosen;
  }

  /** Transport rules matching a connection that fire now (`drop`, `stallPings`, `slowReads`). */
  pickConnection(facts: ConnectionFacts, kind: FaultRule["effect"]["kind"]): FaultRule | undefined {
    for (const live of this.live) {
      if (live.rule.effect.kind !== kind || !matchesConnection(live.rule.match, facts)) continue;
      live.calls += 1;
      if (this.fires(live)) return live.rule;
    }
    return undefined;
  }

  /** Milliseconds of delay for one firing of the rule (distributions draw from the rule's own generator). */
  latencyOf(rule: FaultRule): number {
    const latency = rule.latency;
    if (!latency) return 0;
    const live = this.live.find((l) => l.rule.id === rule.id);
    return sampleLatency(latency, live?.random ?? Math.random);
  }

  private fires(live: LiveRule): boolean {
    const { rule } = live;
    const now = this.now();
    if (rule.forMs !== undefined && now - live.addedAt > rule.forMs) return false;
    if (rule.perDay !== undefined) {
      if (now - live.dayStart >= DAY_MS) {
        live.dayStart = now;
        live.dayCalls = 0;
      }
      live.dayCalls += 1;
      if (live.dayCalls <= rule.perDay) return false;
    }
    if (rule.whenConnections !== undefined && this.connections() < rule.whenConnections) return false;
    if (rule.times !== undefined && live.fired >= rule.times) return false;
    if (rule.nth !== undefined && live.calls !== rule.nth) return false;
    if (rule.probability !== undefined && live.random() >= rule.probability) return false;
    live.fired += 1;
    return true;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

function matchesRequest(match: FaultMatch, facts: RequestFacts): boolean {
  if (match.user !== undefined || match.connectionId !== undefined) return false;
  if (match.path !== undefined && !matchesPath(match.path, facts.path)) return false;
  // Only an explicit path reaches client endpoints; only an explicit path or operationId reaches health and admin.
  if (!facts.rest && match.path === undefined) return false;
  if (facts.protectedTarget && match.path === undefined && match.operationId !== facts.operationId) return false;
  if (match.operationId !== undefined && match.operationId !== facts.operationId) return false;
  if (match.class !== undefined && (match.class === "message") !== facts.message) return false;
  if (match.method !== undefined && match.method !== facts.method) return false;
  if (match.hub !== undefined && match.hub.toLowerCase() !== facts.hub) return false;
  return true;
}

export function matchesConnection(match: FaultMatch, facts: ConnectionFacts): boolean {
  // The effective hub is `app_hub` when an application prefixes it; a rule names the hub either way.
  const hub = match.hub?.toLowerCase();
  if (hub !== undefined && facts.hub !== hub && !facts.hub.endsWith(`_${hub}`)) return false;
  if (match.user !== undefined && match.user !== facts.userId) return false;
  if (match.connectionId !== undefined && match.connectionId !== facts.connectionId) return false;
  return true;
}

function matchesPath(pattern: string, path: string): boolean {
  return pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern || path === `${pattern}/`;
}

function sampleLatency(latency: LatencySpec, random: () => number): number {
  if (latency.kind === "fixed") return latency.ms;
  if (latency.kind === "uniform") return latency.minMs + random() * (latency.maxMs - latency.minMs);
  // Box-Muller: a normal draw, then exp for the log-normal shape WireMock offers.
  const u = Math.max(random(), Number.EPSILON);
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return latency.medianMs * Math.exp(latency.sigma * normal);
}

/** A small seeded generator: the same seed gives the same firing sequence, so a faulty run can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
