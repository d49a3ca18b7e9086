// Parses a raw query string the way ASP.NET model binding reads it: names case-insensitive, `+` is a space.

/** Values of each query parameter by lower-cased name, in the order given (repeated names keep every value). */
export type QueryValues = ReadonlyMap<string, readonly string[]>;

const NO_QUERY: QueryValues = new Map();

export function parseQuery(raw: string): QueryValues {
  if (raw === "") return NO_QUERY;
  const values = new Map<string, string[]>();
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf("&", start);
    if (end < 0) end = raw.length;
    if (end > start) addPair(values, raw.slice(start, end));
    start = end + 1;
  }
  return values;
}

function addPair(values: Map<string, string[]>, pair: string): void {
  const eq = pair.indexOf("=");
  const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
  if (name === "") return;
  const value = eq < 0 ? "" : decodeComponent(pair.slice(eq + 1));
  const list = values.get(name);
  if (list) list.push(value);
  else values.set(name, [value]);
}

/** Malformed escapes (`%zz`, a lone `%`) are kept as written, as ASP.NET does, instead of failing the request. */
function decodeComponent(text: string): string {
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The first non-empty value: ASP.NET binds an empty value as null, so `application=` means no application. */
export function firstValue(query: QueryValues, name: string): string | undefined {
  const list = query.get(name);
  if (list === undefined) return undefined;
  for (const value of list) if (value !== "") return value;
  return undefined;
}
