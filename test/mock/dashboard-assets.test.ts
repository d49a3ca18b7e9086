// The dashboard's static files: offline (no external URL), every form field labelled, text contrast of at least
// WCAG AA (4.5:1) in light and dark, and no HTML built from strings (event data is never parsed as markup).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dir = "src/mock/dashboard/assets/";
const html = readFileSync(`${dir}index.html`, "utf8");
const css = readFileSync(`${dir}style.css`, "utf8");
const js = readFileSync(`${dir}app.js`, "utf8");

/** The custom properties of the first `:root { ... }` block after `from`. */
function palette(from: number): Record<string, string> {
  const start = css.indexOf(":root {", from);
  const block = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("dashboard assets", () => {
  it("load nothing from outside the mock (works offline)", () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(css).not.toMatch(/url\(|@import/);
    expect(js).not.toMatch(/https?:\/\/(?!localhost)/);
  });

  it("label every input, select and textarea", () => {
    const ids = [...html.matchAll(/<(input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[2]!);
    expect(ids.length).toBeGreaterThan(15);
    for (const id of ids) expect(html, id).toMatch(new RegExp(`<label[^>]*\\bfor="${id}"`));
    // Every control has an id (so it can be labelled).
    expect([...html.matchAll(/<(input|select|textarea)\b(?![^>]*\bid=)/g)]).toEqual([]);
  });

  it.each([
    ["light", 0],
    ["dark", css.indexOf("prefers-color-scheme: dark")],
  ])("keep text contrast at WCAG AA or better in %s mode", (_scheme, from) => {
    const p = palette(from);
    const pairs: Array<[string, string]> = [
      ["text", "bg"],
      ["text", "panel"],
      ["text", "row-alt"],
      ["muted", "bg"],
      ["muted", "panel"],
      ["muted", "row-alt"],
      ["accent", "panel"],
      ["accent", "row-alt"],
      ["accent-text", "accent"],
      ["danger", "panel"],
      ["danger", "bg"],
      ["ok", "panel"],
      ["warn", "panel"],
    ];
    for (const [fg, bg] of pairs) {
      expect(p[fg], fg).toBeDefined();
      expect(contrast(p[fg]!, p[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("build the DOM with textContent only (no innerHTML, no insertAdjacentHTML)", () => {
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
