// Matches a request path against the spec's path templates, literal segments such as `:send` included.
import type { Operation, RouteMatch } from "./types.js";

type Segment = { literal: string } | { param: string };

interface CompiledTemplate {
  template: string;
  segments: Segment[];
  /** Operations on this template by method (GET aliases of HEAD existence checks included). */
  byMethod: Map<string, Operation>;
}

export type PathMatch =
  | { kind: "matched"; match: RouteMatch }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

/** A router compiled once from the operation list; `match` is on the mock's hot path, so it stays allocation-light. */
export class PathMatcher {
  private readonly templates: CompiledTemplate[] = [];

  constructor(operations: readonly Operation[]) {
    const byTemplate = new Map<string, CompiledTemplate>();
    for (const operation of operations) {
      let compiled = byTemplate.get(operation.path);
      if (!compiled) {
        compiled = { template: operation.path, segments: compileTemplate(operation.path), byMethod: new Map() };
        byTemplate.set(operation.path, compiled);
        this.templates.push(compiled);
      }
      compiled.byMethod.set(operation.method, operation);
      if (operation.getAlias && !compiled.byMethod.has("GET")) compiled.byMethod.set("GET", operation);
    }
    // More literal segments first, so `/connections/{id}/groups` is never shadowed by a parameter.
    this.templates.sort((a, b) => literalCount(b) - literalCount(a));
  }

  /** `rawPath` is the path part of the request URL, still percent-encoded, without the query. */
  match(method: string, rawPath: string): PathMatch {
    const segments = splitPath(rawPath);
    if (!segments) return { kind: "not-found" };
    let allowed: string[] | undefined;
    for (const template of this.templates) {
      const params = matchSegments(template.segments, segments);
      if (!params) continue;
      const operation = template.byMethod.get(method);
      if (operation) return { kind: "matched", match: { operation, params } };
      allowed ??= [...template.byMethod.keys()];
    }
    return allowed ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
  }
}

function compileTemplate(template: string): Segment[] {
  return template
    .split("/")
    .filter(Boolean)
    .map((s) => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s }));
}

function literalCount(t: CompiledTemplate): number {
  return t.segments.filter((s) => "literal" in s).length;
}

/** Splits and percent-decodes; one trailing slash is tolerated. Undecodable input matches nothing. */
function splitPath(rawPath: string): string[] | undefined {
  const trimmed = rawPath.length > 1 && rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath;
  const parts = trimmed.split("/");
  parts.shift(); // the empty string before the leading slash
  try {
    return parts.map((p) => (p.includes("%") ? decodeURIComponent(p) : p));
  } catch {
    return undefined;
  }
}

function matchSegments(template: Segment[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const segment = template[i]!;
    const value = actual[i]!;
    if ("literal" in segment) {
      if (segment.literal !== value) return undefined;
    } else {
      // An empty segment never reaches a route on the real service (ASP.NET routing), so it is a 404 here too.
      if (value === "") return undefined;
      params[segment.param] = value;
    }
  }
  return params;
}
