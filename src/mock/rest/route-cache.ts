// Remembers recent route matches by method and raw path: apps call the same few paths over and over.
import type { PathMatch, SpecIndex } from "../../spec/index.js";

type PathMatcher = SpecIndex["router"];

/** Enough for every path of a busy app; hostile random paths only churn it (oldest entry dropped first). */
const MAX_ENTRIES = 2048;

/** Only successful matches are cached; their params objects are shared, so handlers must not change them. */
export class RouteCache {
  private readonly entries = new Map<string, PathMatch>();

  constructor(private readonly router: PathMatcher) {}

  match(method: string, rawPath: string): PathMatch {
    const key = `${method} ${rawPath}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const match = this.router.match(method, rawPath);
    if (match.kind === "matched") {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      Object.freeze(match.match.params);
      this.entries.set(key, match);
    }
    return match;
  }
}
