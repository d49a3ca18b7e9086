// diffLines: the line diff behind expected/actual output.
import { describe, expect, it } from "vitest";
import { diffLines } from "../../src/reporters/diff-lines.js";

describe("diffLines", () => {
  it("keeps common lines and marks removed (expected) and added (actual) lines in order", () => {
    expect(diffLines("a\nb\nc", "a\nx\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "added", text: "x" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
  });

  it("is all same for equal text", () => {
    expect(diffLines("x\ny", "x\ny").every((l) => l.kind === "same")).toBe(true);
  });

  it("falls back to whole sides for very long values instead of a huge table", () => {
    const a = Array.from({ length: 600 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 600 }, (_, i) => `b${i}`).join("\n");
    const out = diffLines(a, b);
    expect(out).toHaveLength(1200);
    expect(out[0]).toEqual({ kind: "removed", text: "a0" });
    expect(out[600]).toEqual({ kind: "added", text: "b0" });
  });
});
