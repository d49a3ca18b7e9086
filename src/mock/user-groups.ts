// User-group pairs of one hub: which groups a user belongs to (independently of connections), with expiry.
import type { Clock } from "../clock.js";

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;
/** Pairs added without ttl: only the latest updated 100 per user are kept (the spec's `ttl` text). */
export const MAX_GROUPS_WITHOUT_TTL = 100;
/** A full sweep of expired pairs runs when the stored count passes this (then twice the live count). */
const MIN_SWEEP_AT = 64;

export interface UserGroupPair {
  user: string;
  group: string;
  /** Epoch milliseconds after which new connections of the user no longer join the group. */
  expiresAt: number;
  /** True when added without ttl (counts against the 100-group limit). */
  withoutTtl: boolean;
  updatedAt: number;
}

/**
 * Expired pairs are dropped lazily: the user's own on every add, lookup and new connection, everyone's in a sweep
 * when the stored count has doubled since the last one (amortised O(1) per add, so a long run keeps at most about
 * twice the live pairs) and whenever the hub asks whether any pair is live after the earliest expiry has passed.
 */
export class UserGroups {
  private readonly byUser = new Map<string, Map<string, UserGroupPair>>();
  private count = 0;
  private sweepAt = MIN_SWEEP_AT;
  /** No pair expires before this (a lower bound: exact after a sweep). */
  private earliestExpiry = Number.POSITIVE_INFINITY;

  constructor(private readonly clock: Clock) {}

  /** `ttlSeconds` undefined: 1 year; > 0: expires; 0 or less: nothing is stored (only current connections join). */
  add(user: string, group: string, ttlSeconds: number | undefined): void {
    if (ttlSeconds !== undefined && ttlSeconds <= 0) {
      this.remove(user, group);
      return;
    }
    const now = this.clock.now();
    const current = this.byUser.get(user);
    if (current) this.dropExpired(user, current, now);
    let groups = this.byUser.get(user);
    if (!groups) {
      groups = new Map();
      this.byUser.set(user, groups);
    }
    const withoutTtl = ttlSeconds === undefined;
    const expiresAt = now + (withoutTtl ? ONE_YEAR_MS : ttlSeconds * 1000);
    if (groups.delete(group)) this.count -= 1; // re-insert so Map order is update order
    groups.set(group, { user, group, expiresAt, withoutTtl, updatedAt: now });
    this.count += 1;
    if (expiresAt < this.earliestExpiry) this.earliestExpiry = expiresAt;
    if (withoutTtl) this.pruneWithoutTtl(groups);
    if (this.count > this.sweepAt) this.sweep(now);
  }

  remove(user: string, group: string): boolean {
    const groups = this.byUser.get(user);
    if (!groups?.delete(group)) return false;
    this.count -= 1;
    if (groups.size === 0) this.byUser.delete(user);
    return true;
  }

  /** Removes every pair of the user and returns the groups they named. */
  removeAll(user: string): string[] {
    const groups = this.byUser.get(user);
    if (!groups) return [];
    this.byUser.delete(user);
    this.count -= groups.size;
    return [...groups.keys()];
  }

  /** True when the pair is stored and unexpired; an expired pair is dropped on the way. */
  isLive(user: string, group: string): boolean {
    const groups = this.byUser.get(user);
    const pair = groups?.get(group);
    if (pair === undefined) return false;
    if (pair.expiresAt > this.clock.now()) return true;
    this.remove(user, group);
    return false;
  }

  /** Groups a new connection of this user joins; expired pairs are dropped on the way. */
  liveGroupsOf(user: string): string[] {
    const groups = this.byUser.get(user);
    if (!groups) return [];
    this.dropExpired(user, groups, this.clock.now());
    return [...groups.keys()];
  }

  /** True when at least one pair is live. O(1) until the earliest expiry passes, then one sweep. */
  hasLive(): boolean {
    if (this.count === 0) return false;
    const now = this.clock.now();
    if (now < this.earliestExpiry) return true;
    this.sweep(now);
    return this.count > 0;
  }

  /** Every live pair, for snapshots; expired pairs are dropped on the way. */
  pairs(): UserGroupPair[] {
    this.sweep(this.clock.now());
    return [...this.byUser.values()].flatMap((g) => [...g.values()]);
  }

  /** Pairs held in memory, expired ones not yet dropped included (what the sweeps bound). */
  storedCount(): number {
    return this.count;
  }

  private dropExpired(user: string, groups: Map<string, UserGroupPair>, now: number): void {
    for (const [group, pair] of groups) {
      if (pair.expiresAt <= now) {
        groups.delete(group);
        this.count -= 1;
      }
    }
    if (groups.size === 0) this.byUser.delete(user);
  }

  private sweep(now: number): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const [user, groups] of this.byUser) {
      this.dropExpired(user, groups, now);
      for (const pair of groups.values()) if (pair.expiresAt < earliest) earliest = pair.expiresAt;
    }
    this.earliestExpiry = earliest;
    this.sweepAt = Math.max(MIN_SWEEP_AT, 2 * this.count);
  }

  private pruneWithoutTtl(groups: Map<string, UserGroupPair>): void {
    const unlimited = [...groups.values()].filter((p) => p.withoutTtl);
    // Map order is update order, so the first ones are the least recently updated.
    for (const pair of unlimited.slice(0, Math.max(0, unlimited.length - MAX_GROUPS_WITHOUT_TTL))) {
      groups.delete(pair.group);
      this.count -= 1;
    }
  }
}
