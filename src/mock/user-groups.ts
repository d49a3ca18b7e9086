// User-group pairs of one hub: which groups a user belongs to (independently of connections), with expiry.
import type { Clock } from "../clock.js";

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;
/** Pairs added without ttl: only the latest updated 100 per user are kept (the spec's `ttl` text). */
export const MAX_GROUPS_WITHOUT_TTL = 100;

export interface UserGroupPair {
  user: string;
  group: string;
  /** Epoch milliseconds after which new connections of the user no longer join the group. */
  expiresAt: number;
  /** True when added without ttl (counts against the 100-group limit). */
  withoutTtl: boolean;
  updatedAt: number;
}

export class UserGroups {
  private readonly byUser = new Map<string, Map<string, UserGroupPair>>();

  constructor(private readonly clock: Clock) {}

  /** `ttlSeconds` undefined: 1 year; > 0: expires; 0 or less: nothing is stored (only current connections join). */
  add(user: string, group: string, ttlSeconds: number | undefined): void {
    if (ttlSeconds !== undefined && ttlSeconds <= 0) {
      this.remove(user, group);
      return;
    }
    const now = this.clock.now();
    let groups = this.byUser.get(user);
    if (!groups) {
      groups = new Map();
      this.byUser.set(user, groups);
    }
    const withoutTtl = ttlSeconds === undefined;
    const expiresAt = now + (withoutTtl ? ONE_YEAR_MS : ttlSeconds * 1000);
    groups.delete(group); // re-insert so Map order is update order
    groups.set(group, { user, group, expiresAt, withoutTtl, updatedAt: now });
    if (withoutTtl) this.pruneWithoutTtl(groups);
  }

  remove(user: string, group: string): boolean {
    const groups = this.byUser.get(user);
    const removed = groups?.delete(group) ?? false;
    if (groups?.size === 0) this.byUser.delete(user);
    return removed;
  }

  /** Removes every pair of the user and returns the groups they named. */
  removeAll(user: string): string[] {
    const groups = this.byUser.get(user);
    this.byUser.delete(user);
    return groups ? [...groups.keys()] : [];
  }

  isLive(user: string, group: string): boolean {
    const pair = this.byUser.get(user)?.get(group);
    return pair !== undefined && pair.expiresAt > this.clock.now();
  }

  /** Groups a new connection of this user joins; expired pairs are dropped on the way. */
  liveGroupsOf(user: string): string[] {
    const groups = this.byUser.get(user);
    if (!groups) return [];
    const now = this.clock.now();
    const live: string[] = [];
    for (const [group, pair] of groups) {
      if (pair.expiresAt > now) live.push(group);
      else groups.delete(group);
    }
    if (groups.size === 0) this.byUser.delete(user);
    return live;
  }

  /** Every live pair, for snapshots. */
  pairs(): UserGroupPair[] {
    const now = this.clock.now();
    return [...this.byUser.values()].flatMap((g) => [...g.values()]).filter((p) => p.expiresAt > now);
  }

  private pruneWithoutTtl(groups: Map<string, UserGroupPair>): void {
    const unlimited = [...groups.values()].filter((p) => p.withoutTtl);
    // Map order is update order, so the first ones are the least recently updated.
    for (const pair of unlimited.slice(0, Math.max(0, unlimited.length - MAX_GROUPS_WITHOUT_TTL))) {
      groups.delete(pair.group);
    }
  }
}
