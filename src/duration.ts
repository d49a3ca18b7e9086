// Durations as people write them in suites, state files and fault rules: `250ms`, `5s`, `1m`, or milliseconds.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** The written form; suite schemas reuse its source as their pattern. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;

/** Milliseconds, or undefined when the value is not a duration (callers report it with a position). */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNITS[match[2]!]!);
}
