// Durations in suites: their JSON Schema and defaults (the parsing itself is src/duration.ts, shared with fault rules).
import { DURATION_PATTERN, parseDuration } from "../duration.js";

export { parseDuration };

/** The JSON Schema of a duration, shared by every step kind that takes one. */
export const DURATION_SCHEMA = {
  anyOf: [
    { type: "integer", minimum: 0 },
    { type: "string", pattern: DURATION_PATTERN.source },
  ],
  "x-expected": "a duration such as 500ms, 5s or 1m (or a number of milliseconds)",
} as const;

/** Like `parseDuration`, with a default for an absent value; callers pass only schema-checked values. */
export function durationOr(value: unknown, fallbackMs: number): number {
  return value === undefined ? fallbackMs : (parseDuration(value) ?? fallbackMs);
}
