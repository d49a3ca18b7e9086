// Durations as suites write them (`250ms`, `5s`, `1m`, or a bare number of milliseconds).

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;

/** The JSON Schema of a duration, shared by every step kind that takes one. */
export const DURATION_SCHEMA = {
  anyOf: [
    { type: "integer", minimum: 0 },
    { type: "string", pattern: DURATION.source },
  ],
  "x-expected": "a duration such as 500ms, 5s or 1m (or a number of milliseconds)",
} as const;

/** Milliseconds, or undefined when the text is not a duration (the loader reports it with a position). */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}

/** Like `parseDuration`, with a default for an absent value; callers pass only schema-checked values. */
export function durationOr(value: unknown, fallbackMs: number): number {
  return value === undefined ? fallbackMs : (parseDuration(value) ?? fallbackMs);
}
