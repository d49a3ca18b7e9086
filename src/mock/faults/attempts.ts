// Attempt accounting: retries of one logical call (same method, target and body within a window) grouped, with
// the gaps between them and whether the client waited as long as the Retry-After it was given.
import { createHash } from "node:crypto";

export interface Attempt {
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
  /** 0 when the mock never answered (reset, timeout). */
  status: number;
  /** The Retry-After the answer carried, in milliseconds. */
  retryAfterMs?: number;
  /** The fault rule that shaped the answer. */
  faultId?: string;
}

export interface AttemptGroup {
  method: string;
  /** Path and query, tokens redacted. */
  target: string;
  attempts: Attempt[];
  /** Milliseconds between consecutive arrivals. */
  gapsMs: number[];
  /** One line per retry that came sooner than the Retry-After it was given. */
  warnings: string[];
}

/** Calls further apart than this are separate logical calls. */
export const DEFAULT_ATTEMPT_WINDOW_MS = 60_000;
const MAX_GROUPS = 1000;

export class AttemptLog {
  private readonly groups = new Map<string, AttemptGroup>();

  constructor(private readonly windowMs = DEFAULT_ATTEMPT_WINDOW_MS) {}

  /** Records one answered (or abandoned) request; returns its group. */
  record(call: { method: string; target: string; body: Buffer; attempt: Attempt }): AttemptGroup {
    const key = `${call.method} ${call.target} ${createHash("sha1").update(call.body).digest("base64")}`;
    let group = this.groups.get(key);
    const last = group?.attempts.at(-1);
    if (!group || !last || call.attempt.at - last.at > this.windowMs) {
      // A new logical call; the old group stays listed under a fresh key.
      if (group) this.groups.set(`${key} ${last?.at}`, group);
      group = { method: call.method, target: call.target, attempts: [], gapsMs: [], warnings: [] };
      this.groups.delete(key);
      this.groups.set(key, group);
      if (this.groups.size > MAX_GROUPS) this.groups.delete(this.groups.keys().next().value!);
    } else {
      const gap = call.attempt.at - last.at;
      group.gapsMs.push(gap);
      if (last.retryAfterMs !== undefined && gap < last.retryAfterMs) {
        group.warnings.push(
          `attempt ${group.attempts.length + 1} of ${call.method} ${call.target} came ${gap} ms after the previous one, sooner than its Retry-After of ${last.retryAfterMs} ms`,
        );
      }
    }
    group.attempts.push(call.attempt);
    return group;
  }

  /** Every group, oldest first; `filter` keeps those whose target contains it. */
  list(filter?: { contains?: string; method?: string }): AttemptGroup[] {
    return [...this.groups.values()]
      .filter(
        (g) =>
          (filter?.contains === undefined || g.target.includes(filter.contains)) &&
          (filter?.method === undefined || g.method === filter.method),
      )
      .sort((a, b) => a.attempts[0]!.at - b.attempts[0]!.at);
  }

  clear(): void {
    this.groups.clear();
  }
}

/** `Retry-After` header text (seconds or an HTTP date) in milliseconds from `now`. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
