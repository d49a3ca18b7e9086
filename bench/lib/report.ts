// What each bench part hands back (figures for latest.json, tables to print, targets) and the plain-text table format.

export interface TargetCheck {
  part: string;
  name: string;
  /** The target as written in the issue, e.g. ">= 0.7 x bare". */
  target: string;
  /** The measured value, formatted. */
  actual: string;
  /** Undefined when it could not be measured (the note says why). */
  met: boolean | undefined;
  note?: string;
}

export interface PartResult {
  name: string;
  /** JSON-ready figures, written as is to latest.json. */
  figures: unknown;
  tables: string[];
  targets: TargetCheck[];
  notes: string[];
}

type Cell = string | number;

/** A number with an optional unit ("1,234", "0.42 ms", "12.1 x", "18.3 KB"). */
const FIGURE = /^[-+]?[\d,.]+( ?[A-Za-z%]+)?$/;

/** Columns padded to the widest cell; figures right-aligned, text left-aligned. */
export function formatTable(title: string, headers: string[], rows: Cell[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells: Cell[]) =>
    cells
      .map((cell, i) =>
        FIGURE.test(String(cell)) ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [title, line(headers), rule, ...rows.map(line)].join("\n");
}

export function formatInt(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (Math.abs(bytes) >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${Math.round(bytes)} B`;
}
