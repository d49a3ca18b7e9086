// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatHubkitError, HubkitErrorList } from "../../src/errors.js";
import { loadRunnableSuites } from "../../src/runner/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { MAX_PROBLEMS_PER_FILE } from "../../src/suite/index.js";
import { load, oneTest } from "./load-helpers.js";

/** Every problem of a suite text, hints included, as printed by the CLI. */
function printed(text: string): string[] {
  return load(text).problems.map(formatHubkitError);
}

const FOLLOW_ON_HINT =
  "    hint: The parser cannot read the rest of the file until the errors above are fixed; fix them and run again.";

describe("YAML syntax errors: the parser's errors only, follow-ons folded, a hint for the cause", () => {
  it("reports an unquoted ${} in a flow mapping once, with a hint to quote it, instead of every later token", () => {
    const text = oneTest(`- call: SignalR_Broadcast
  params: { hub: \${hub} }
  body: { target: x }
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: y }`);
    expect(printed(text)).toEqual([
      "suite.yaml:6:25: YAML syntax error: Unexpected flow-map-start at node end [E_SUITE_YAML]\n" +
        '    hint: Quote a value with ${...} inside { } or [ ]: write "${hub}" instead of ${hub} (unquoted, YAML reads its { as the start of a mapping).',
      `suite.yaml:6:26: … and 27 more YAML syntax errors, caused by the one above. [E_SUITE_YAML]\n${FOLLOW_ON_HINT}`,
    ]);
  });

  it("turns the thousands of errors of one slip in a long suite into two lines", () => {
    const step = `- call: SignalR_Broadcast
  params: { hub: "\${hub}" }
  body: { target: x, arguments: [1, 2] }
  expect: { status: 202, headers: { x-a: true } }`;
    const steps = [step.replace('"${hub}"', "${hub}"), ...Array.from({ length: 60 }, () => step)].join("\n");
    const problems = load(oneTest(steps)).problems;
    expect(problems.map((p) => `${p.position?.line}:${p.position?.column}: ${p.message}`)).toEqual([
      "6:25: YAML syntax error: Unexpected flow-map-start at node end",
      "6:26: … and 2492 more YAML syntax errors, caused by the one above.",
    ]);
  });

  it("gives the hint for a template inside a flow sequence and inside a longer value", () => {
    expect(printed("name: s\ntags: [a-${x}, b]\ntests: []\n")).toEqual([
      "suite.yaml:2:11: YAML syntax error: Missing , or : between flow sequence items [E_SUITE_YAML]\n" +
        '    hint: Quote a value with ${...} inside { } or [ ]: write "a-${x}" instead of a-${x} (unquoted, YAML reads its { as the start of a mapping).',
    ]);
    const text = oneTest("- connect: a\n  hub: chat\n  claims: { user: alice-${test.id}, x: 1 }");
    expect(printed(text)[0]).toBe(
      "suite.yaml:7:32: YAML syntax error: Unexpected flow-map-start at node end [E_SUITE_YAML]\n" +
        '    hint: Quote a value with ${...} inside { } or [ ]: write "alice-${test.id}" instead of alice-${test.id} (unquoted, YAML reads its { as the start of a mapping).',
    );
  });

  it("explains tabs, duplicate keys, unquoted colons, unclosed quotes and second documents", () => {
    expect(printed("name: s\ntests:\n\t- name: t\n")).toEqual([
      "suite.yaml:3:1: YAML syntax error: Tabs are not allowed as indentation [E_SUITE_YAML]\n" +
        "    hint: Indent with spaces; YAML does not allow tabs for indentation.",
    ]);
    expect(printed("name: s\nname: t\ntests:\n  - name: t\n    name: u\n    steps: [{ wait: 1 }]\n")).toEqual([
      "suite.yaml:2:1: YAML syntax error: Map keys must be unique [E_SUITE_YAML]\n" +
        "    hint: Each key may appear once in a mapping; remove or rename the repeated one.",
      "suite.yaml:5:5: YAML syntax error: Map keys must be unique [E_SUITE_YAML]\n" +
        "    hint: Each key may appear once in a mapping; remove or rename the repeated one.",
    ]);
    expect(printed(oneTest("- connect: a\n  hub: chat\n- expectClosed: a\n  reason: closed: bye"))).toEqual([
      "suite.yaml:8:17: YAML syntax error: Nested mappings are not allowed in compact mappings [E_SUITE_YAML]\n" +
        '    hint: A plain value cannot contain ": "; quote it, e.g. reason: "closed: maintenance".',
    ]);
    expect(printed('name: "s\ntests: []\n')).toEqual([
      'suite.yaml:3:1: YAML syntax error: Missing closing "quote [E_SUITE_YAML]\n' +
        '    hint: Close the quote; inside double quotes write \\" for a quote character.',
    ]);
    expect(printed("name: s\n---\nname: t\n")).toEqual([
      "suite.yaml:2:1: YAML syntax error: The file contains more than one YAML document (a `---` line). [E_SUITE_YAML]\n" +
        "    hint: A suite file holds one document; remove the `---` line or split the file in two.",
    ]);
  });

  it("explains bad indentation and backslashes in double quotes, and keeps a generic hint for the rest", () => {
    expect(printed("name: s\ntests:\n  - name: t\n  steps: []\n")).toEqual([
      "suite.yaml:4:1: YAML syntax error: All mapping items must start at the same column [E_SUITE_YAML]\n" +
        "    hint: Start the keys of one mapping, and the `-` items of one list, at the same column; close every { and [ you open.",
    ]);
    expect(printed(oneTest('- request: GET /x\n  expect: { matches: "/^\\d+$/" }'))).toEqual([
      "suite.yaml:6:31: YAML syntax error: Invalid escape sequence \\d [E_SUITE_YAML]\n" +
        "    hint: Inside double quotes a backslash starts an escape: write \\\\ for one (e.g. \"/^\\\\d+$/\"), or use single quotes ('/^\\d+$/').",
    ]);
    expect(printed("name: s\ntests: &a &b []\n")).toEqual([
      "suite.yaml:2:11: YAML syntax error: A node can have at most one anchor [E_SUITE_YAML]\n" +
        "    hint: Fix the YAML syntax first (indentation, quotes, a missing ':'); the other checks run once it parses.",
    ]);
  });

  it("reports an alias without its anchor, and too many aliases, instead of crashing", () => {
    expect(printed("name: s\ntests:\n  - name: t\n    steps: [*missing]\n")).toEqual([
      "suite.yaml:4:13: YAML syntax error: Unresolved alias (the anchor must be set before the alias): missing [E_SUITE_YAML]\n" +
        "    hint: Define the anchor (&name) before the alias (*name) that repeats it, or write the value out.",
    ]);
    const bomb = `a: &a [x, x]\nb: &b [${"*a, ".repeat(10)}*a]\nc: &c [${"*b, ".repeat(10)}*b]\nname: s\ntests: []\n`;
    expect(printed(bomb)).toEqual([
      "suite.yaml:1:1: YAML syntax error: Excessive alias count indicates a resource exhaustion attack [E_SUITE_YAML]\n" +
        "    hint: Use fewer aliases (*name): write the repeated values out.",
    ]);
  });
});

describe("several files: a file that does not parse is not validated, the others are, all reported together", () => {
  it("lists the YAML errors of one file and the schema problems of another in one HubkitErrorList", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-yaml-"));
    // Besides the slip, broken.yaml has an unknown key and an empty test: schema problems it must not report.
    writeFileSync(join(dir, "broken.yaml"), "name: b\ncolour: red\ntests:\n  - name: t\n    steps: [{ wait: ${x} }]\n");
    writeFileSync(join(dir, "fine.yaml"), oneTest("- wiat: 1s"));
    const error = await loadRunnableSuites(["."], { spec: loadSpec(), cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubkitErrorList);
    expect((error as HubkitErrorList).message).toBe("3 problem(s) in the suites");
    expect((error as HubkitErrorList).problems.map((p) => formatHubkitError(p).split("\n")[0])).toEqual([
      "broken.yaml:5:22: YAML syntax error: Unexpected flow-map-start at node end [E_SUITE_YAML]",
      "broken.yaml:5:23: … and 3 more YAML syntax errors, caused by the one above. [E_SUITE_YAML]",
      'fine.yaml:5:9: Unknown step kind "wiat". [E_SUITE_STEP_KIND]',
    ]);
  });
});

describe("a cap on the problems of one file", () => {
  it(`lists the first ${MAX_PROBLEMS_PER_FILE} problems and counts the rest`, () => {
    const steps = Array.from({ length: 60 }, (_, i) => `- wait: 1ms\n  colour: c${i}`).join("\n");
    const problems = load(oneTest(steps)).problems;
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(formatHubkitError(problems[49]!).split("\n")[0]).toBe(
      'suite.yaml:104:9: Unknown key "colour". [E_SUITE_INVALID]',
    );
    expect(formatHubkitError(problems[50]!)).toBe(
      "suite.yaml:106:9: … and 10 more problems from here on. [E_SUITE_TOO_MANY]\n" +
        "    hint: Only the first 50 are listed; they are often one mistake repeated. Fix them and run again.",
    );
  });

  it("caps YAML errors too, and keeps at most one per line", () => {
    const keys = Array.from({ length: 55 }, () => "name: again").join("\n");
    const problems = load(`name: s\n${keys}\ntests: []\n`).problems;
    expect(problems.map((p) => `${p.position?.line}:${p.position?.column}: ${p.message}`).slice(-2)).toEqual([
      "51:1: YAML syntax error: Map keys must be unique",
      "52:1: … and 5 more problems from here on.",
    ]);
    expect(new Set(problems.map((p) => p.position?.line)).size).toBe(problems.length);
  });

  it("does not cap a file with exactly the maximum", () => {
    const steps = Array.from({ length: MAX_PROBLEMS_PER_FILE }, (_, i) => `- wait: 1ms\n  colour: c${i}`).join("\n");
    const problems = load(oneTest(steps)).problems;
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(problems.every((p) => p.code === "E_SUITE_INVALID")).toBe(true);
  });
});
