// The import graph of src/: every import points to a lower layer (or within its own folder), and no files import
// each other in a loop. Type-only imports count too: they tie the modules' designs together all the same.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/**
 * Top to bottom (docs/architecture.md). A folder of src/ imports only from its own folder and from layers below
 * its own; folders that share a layer do not import each other. The files at the top of src/ are the ground floor.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ["api"],
  ["cli"],
  ["contracts", "prism", "reporters"],
  ["runner"],
  ["targets"],
  ["mock"],
  ["suite", "auth", "results"],
  ["spec"],
  ["(root)"],
];

/** File -> the src/ files it imports (static, dynamic and type-only), as paths relative to src/. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => /\.ts$/.test(f));
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(SRC, file), "utf8"), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith("."))
      .map((name) => relative(SRC, resolve(dirname(join(SRC, file)), name)).replace(/\.js$/, ".ts"));
    graph.set(file.split("\\").join("/"), targets);
  }
  return graph;
}

function folderOf(file: string): string {
  return file.includes("/") ? file.slice(0, file.indexOf("/")) : "(root)";
}

function layerOf(folder: string): number {
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  if (index < 0) throw new Error(`src/${folder}/ is in no layer: add it to LAYERS (and to docs/architecture.md)`);
  return index;
}

/** Strongly connected components of more than one file (Tarjan). */
function loops(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const graph = importGraph();

describe("the import graph of src/", () => {
  it("reads the modules' imports (a guard against a parser that finds nothing)", () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get("runner/steps/seed.ts")).toContain("targets/fixture.ts");
    expect(graph.get("cli/run.ts")).toContain("cli/run-action.ts");
  });

  it("has no import from a lower layer to a higher one, nor across folders of one layer", () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = folderOf(file);
      for (const target of imports) {
        const to = folderOf(target);
        if (to === from) continue;
        if (layerOf(to) <= layerOf(from)) wrong.push(`src/${file} imports src/${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("has no import loop (a command's flags live in <command>-flags.ts, imported by its options file and its action)", () => {
    expect(loops(graph).map((files) => files.join(" "))).toEqual([]);
  });

  it("keeps runner, contracts and prism off the mock, the CLI and the reporters", () => {
    const below = ["results", "targets", "suite", "spec", "auth", "(root)"];
    const reached = [...graph].flatMap(([file, imports]) =>
      ["runner", "contracts", "prism"].includes(folderOf(file))
        ? imports
            .filter((t) => folderOf(t) !== folderOf(file) && !below.includes(folderOf(t)))
            .map((t) => `${file} -> ${t}`)
        : [],
    );
    expect(reached).toEqual([]);
  });
});
