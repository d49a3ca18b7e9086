// A YAML file parsed with source positions: turns a path inside the document into file:line:col.
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import { HubkitError, type SourcePosition } from "../errors.js";
import { describeYamlErrors } from "./yaml-errors.js";

export type DocPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  /** The document as plain data (undefined for an empty file). */
  value: unknown;
  /** Position of the node at `path` (of its key with `key: true`), or of its nearest existing ancestor. */
  locate(path: DocPath, options?: { key?: boolean }): SourcePosition;
  /** Syntax errors, positioned, follow-ons folded; the value is unusable when there are any. */
  errors: HubkitError[];
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const errors = describeYamlErrors(doc.errors, { text, position });
  const value = errors.length > 0 ? undefined : toPlainData(doc, (e) => errors.push(e), position);
  return {
    file,
    value,
    errors,
    locate: (path, options) => position(findOffset(doc.contents, path, options?.key === true)),
  };
}

/** Aliases are only resolved here, so an unknown `*name` (or an alias bomb) surfaces as a thrown error. */
function toPlainData(
  doc: Document,
  report: (error: HubkitError) => void,
  position: (offset: number) => SourcePosition,
): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias(_, alias) {
        if (alias.resolve(doc) !== undefined) return undefined;
        offset = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const unresolved = (error as Error).message.startsWith("Unresolved alias");
    report(
      new HubkitError(`YAML syntax error: ${(error as Error).message}`, {
        code: "E_SUITE_YAML",
        hint: unresolved
          ? "Define the anchor (&name) before the alias (*name) that repeats it, or write the value out."
          : "Use fewer aliases (*name): write the repeated values out.",
        position: position(offset),
      }),
    );
    return undefined;
  }
}

function findOffset(root: unknown, path: DocPath, wantKey: boolean): number {
  let node: unknown = root;
  let offset = rangeStart(root) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      if (last && wantKey) return rangeStart(pair.key) ?? offset;
      node = pair.value;
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      if (node === undefined) return offset;
      offset = rangeStart(node) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
