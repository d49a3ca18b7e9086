// A YAML file parsed with source positions: turns a path inside the document into file:line:col.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { HubkitError, type SourcePosition } from "../errors.js";

export type DocPath = readonly (string | number)[];

export interface YamlSource {
  file: string;
  /** The document as plain data (undefined for an empty file). */
  value: unknown;
  /** Position of the node at `path` (of its key with `key: true`), or of its nearest existing ancestor. */
  locate(path: DocPath, options?: { key?: boolean }): SourcePosition;
  /** Syntax errors, already positioned; the value is unusable when there are any. */
  errors: HubkitError[];
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const errors = doc.errors.map(
    (e) =>
      new HubkitError(`YAML syntax error: ${firstLine(e.message)}`, {
        code: "E_SUITE_YAML",
        hint: "Fix the YAML syntax first (indentation, quotes, a missing ':'); the other checks run once it parses.",
        position: position(e.pos[0]),
      }),
  );
  return {
    file,
    value: errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    errors,
    locate: (path, options) => position(findOffset(doc.contents, path, options?.key === true)),
  };
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

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
