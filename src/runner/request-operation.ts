// The spec operation a `request:` line addresses, resolved at load time when the line holds no templates.
import type { Operation, SpecIndex } from "../spec/index.js";

/** `METHOD /path?query`; a line with `${...}` is resolved after templating, by the runner. */
export function requestLineOperation(raw: Readonly<Record<string, unknown>>, spec: SpecIndex): Operation | undefined {
  const line = typeof raw.request === "string" ? raw.request.trim() : "";
  if (line.includes("${")) return undefined;
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(line);
  if (!match) return undefined;
  const target = match[2]!;
  const q = target.indexOf("?");
  const routed = spec.router.match(match[1]!.toUpperCase(), q < 0 ? target : target.slice(0, q));
  return routed.kind === "matched" ? routed.match.operation : undefined;
}
