// The usage-error catalogue: every code used in src is documented, every entry is used, docs/errors.md is current.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ERROR_DOCS_FILE, renderErrorDocs } from "../../scripts/error-docs.js";
import { usageExitCode } from "../../src/cli/exit-code.js";
import { USAGE_ERRORS } from "../../src/error-catalogue.js";
import { HubkitError, HubkitErrorList, problemList } from "../../src/errors.js";
import { EXIT_CODE_MEANINGS, EXIT_CODES } from "../../src/exit-codes.js";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));
const CATALOGUE = join(SRC, "error-catalogue.ts");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every `"E_..."` string literal of src outside the catalogue, with the files it appears in. */
function codesInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    if (file === CATALOGUE) continue;
    for (const match of readFileSync(file, "utf8").matchAll(/["'`](E_[A-Z0-9_]+)["'`]/g)) {
      found.set(match[1]!, [...(found.get(match[1]!) ?? []), file]);
    }
  }
  return found;
}

describe("usage-error catalogue", () => {
  it("documents every code src uses, and every entry is used somewhere in src", () => {
    const used = codesInSource();
    const documented = new Set(Object.keys(USAGE_ERRORS));
    expect([...used.keys()].filter((code) => !documented.has(code))).toEqual([]);
    expect([...documented].filter((code) => !used.has(code))).toEqual([]);
  });

  it("gives every entry a title, a hint that ends a sentence, and a documented exit code", () => {
    for (const [code, entry] of Object.entries(USAGE_ERRORS)) {
      expect(code).toMatch(/^E_[A-Z0-9_]+$/);
      expect(entry.title.length, code).toBeGreaterThan(3);
      expect(entry.hint, code).toMatch(/[.?]$/);
      expect(Object.keys(EXIT_CODE_MEANINGS), code).toContain(String(entry.exitCode));
    }
  });

  it("docs/errors.md is rendered from the tables (regenerate: npx tsx scripts/error-docs.ts)", () => {
    const docs = readFileSync(ERROR_DOCS_FILE, "utf8");
    expect(docs).toBe(renderErrorDocs());
    for (const code of Object.keys(USAGE_ERRORS)) expect(docs).toContain(`| \`${code}\` |`);
  });

  it("rejects an unknown code at compile time", () => {
    // @ts-expect-error E_NOT_IN_THE_CATALOGUE is no key of USAGE_ERRORS (tsc fails if this line ever compiles).
    const error = new HubkitError("x", { code: "E_NOT_IN_THE_CATALOGUE" });
    expect(error.code).toBe("E_NOT_IN_THE_CATALOGUE");
  });
});

describe("printing a usage error", () => {
  const capture = () => {
    let text = "";
    return { write: (t: string) => (text += t), text: () => text };
  };

  it("prints the catalogue's hint when the call site has none, and exits with the catalogue's code", () => {
    const err = capture();
    const code = usageExitCode(new HubkitError("No test matches the filters.", { code: "E_NO_TESTS" }), err.write);
    expect(code).toBe(EXIT_CODES.usage);
    expect(err.text()).toBe(
      `hubkit: No test matches the filters. [E_NO_TESTS]\n    hint: ${USAGE_ERRORS.E_NO_TESTS.hint}\n`,
    );
  });

  it("in a list, prints a catalogue hint once per code but every call-site hint", () => {
    const at = (line: number) => ({ file: "s.yaml", line, column: 1 });
    const list = problemList(
      "E_FIXTURE_INVALID",
      [
        { message: "a", position: at(1) },
        { message: "b", position: at(2) },
        { message: "c", position: at(3), hint: "Quote it." },
      ],
      "3 problem(s) in s.yaml",
    );
    const err = capture();
    expect(usageExitCode(list, err.write)).toBe(2);
    expect(err.text()).toBe(
      [
        "hubkit: 3 problem(s) in s.yaml:",
        "s.yaml:1:1: a [E_FIXTURE_INVALID]",
        `    hint: ${USAGE_ERRORS.E_FIXTURE_INVALID.hint}`,
        "s.yaml:2:1: b [E_FIXTURE_INVALID]",
        "s.yaml:3:1: c [E_FIXTURE_INVALID]",
        "    hint: Quote it.",
        "",
      ].join("\n"),
    );
  });

  it("gives an empty list the catch-all code", () => {
    expect(new HubkitErrorList([]).code).toBe("E_INVALID");
  });
});
