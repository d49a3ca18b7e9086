// Reads V8 `.cpuprofile` files (from `--profile`) and lists the functions with the most self time.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT } from "./children.js";
import { formatTable } from "./report.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  name: string;
  where: string;
  selfPercent: number;
}

/** The `top` functions by self time, idle and GC excluded from the total, merged by function and location. */
export function hotFunctions(file: string, top = 15): HotFunction[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const totals = new Map<string, HotFunction & { hits: number }>();
  let busy = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)") continue;
    busy += hits;
    // tsx's transform leaves no useful line numbers, so functions are located by file.
    const where = url ? shorten(url) : "";
    const key = `${functionName}@${where}`;
    const entry = totals.get(key) ?? { name: functionName || "(anonymous)", where, selfPercent: 0, hits: 0 };
    entry.hits += hits;
    totals.set(key, entry);
  }
  return [...totals.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfPercent: busy === 0 ? 0 : (100 * e.hits) / busy }));
}

/** Main-thread profiles only: `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`, thread 1 is tsx's loader. */
export function profileFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Self time per source file of hubkit (`src/`), to see what share of the busy time is hubkit's own code. */
export function hotFiles(file: string, top = 10): HotFunction[] {
  const byFile = new Map<string, number>();
  for (const f of hotFunctions(file, Number.MAX_SAFE_INTEGER)) {
    if (f.where.startsWith("src/")) byFile.set(f.where, (byFile.get(f.where) ?? 0) + f.selfPercent);
  }
  const all = [...byFile.values()].reduce((a, b) => a + b, 0);
  const files = [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    { name: "all of src/", where: "", selfPercent: all },
    ...files.map(([where, selfPercent]) => ({ name: where, where, selfPercent })),
  ];
}

export function formatHotFunctions(file: string): string {
  const name = relative(REPO_ROOT, file);
  const functions = hotFunctions(file).map((h) => [`${h.selfPercent.toFixed(1)} %`, h.name, h.where]);
  const files = hotFiles(file).map((h) => [`${h.selfPercent.toFixed(1)} %`, h.name]);
  return [
    formatTable(`Hot functions (self time, idle excluded): ${name}`, ["self", "function", "file"], functions),
    formatTable("hubkit source files (self time)", ["self", "file"], files),
  ].join("\n\n");
}

function shorten(url: string): string {
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  return path.startsWith(REPO_ROOT) ? relative(REPO_ROOT, path) : path;
}
