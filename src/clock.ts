// Time and identity sources, injected everywhere so TTLs, ids and golden files are testable.
import { randomBytes } from "node:crypto";

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when a test says so. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface IdSource {
  /** A new opaque id, unique within the process, URL-safe. */
  next(prefix?: string): string;
}

/** Random URL-safe ids, like the service's connection ids (22 base64url characters). */
export const randomIds: IdSource = {
  next: (prefix = "") => prefix + randomBytes(16).toString("base64url"),
};

/** Predictable ids (`c1`, `c2`, ...) for golden files and tests. */
export class SequentialIds implements IdSource {
  private counter = 0;
  next(prefix = "id"): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }
}
