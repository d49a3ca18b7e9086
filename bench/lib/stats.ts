// Small statistics over a handful of rounds.

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The largest value; NaN (a round where not everyone received) wins, since it means "missed". */
export function worst(values: readonly number[]): number {
  return values.some((v) => Number.isNaN(v)) ? Number.NaN : Math.max(...values);
}

export function ms(value: number, digits = 1): string {
  return Number.isNaN(value) ? "n/a" : `${value.toFixed(digits)} ms`;
}
