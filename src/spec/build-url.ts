// Builds `path?query` for an operation from its template: one encoder for every caller that sends a spec request.
import type { Operation } from "./types.js";

/** A query value: lists repeat the key (`excluded=a&excluded=b`); null and undefined leave the key out. */
export type UrlQueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/**
 * `api-version` first (the given default unless the query sets it; `null` drops it), then the rest in the order
 * written. Path values are percent-encoded; a missing path value throws, naming it.
 */
export function buildUrl(
  operation: Operation,
  params: Readonly<Record<string, string | number | boolean>>,
  query: Readonly<Record<string, UrlQueryValue>>,
  apiVersion: string,
): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operation.operationId} needs the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const pairs: string[] = [];
  const add = (key: string, value: unknown) =>
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  const version = Object.hasOwn(query, "api-version") ? query["api-version"] : apiVersion;
  if (version !== null && version !== undefined) add("api-version", version);
  for (const [key, value] of Object.entries(query)) {
    if (key === "api-version" || value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else add(key, value);
  }
  return pairs.length > 0 ? `${path}?${pairs.join("&")}` : path;
}
