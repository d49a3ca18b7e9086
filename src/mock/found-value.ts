// How the state-file, fault-rule and upstream-settings validators test for a mapping and name a value they did not
// expect ("found a list", "found 42"), so the three speak alike.

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short name for a value: its kind for lists and mappings, its JSON (cut at 60 characters) otherwise. */
export function showFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
