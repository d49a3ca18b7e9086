// `body: { "/pointer": value }`: values inside a JSON body addressed by JSON pointer; `/regex/` strings are patterns.
import type { CheckResult } from "../../results/result.js";
import { bodyForReport, defineCheck } from "./check.js";
import { findBadRegexes, matchesExactly } from "./match-value.js";

const MISSING = "(missing)";

export const bodyPointerCheck = defineCheck<Record<string, unknown>>({
  name: "body",
  description:
    'Values in the JSON body by JSON pointer, e.g. { "/code": "Error.Request.Invalid" }; "" is the whole body.',
  schema: { type: "object", minProperties: 1 },
  validate: (expected, report) => {
    for (const pointer of Object.keys(expected)) {
      if (pointer !== "" && !pointer.startsWith("/")) {
        report([pointer], `"${pointer}" is not a JSON pointer.`, `Pointers start with "/", e.g. "/${pointer}".`);
      }
    }
    findBadRegexes(expected, report);
  },
  run: ({ expected, response, at }) => {
    const json = response.json();
    return Object.entries(expected).map(([pointer, want]): CheckResult => {
      const actual = json.ok ? resolvePointer(json.value, pointer) : undefined;
      const found = json.ok && actual !== MISSING_VALUE;
      return {
        kind: "body",
        outcome: found && matchesExactly(want, actual) ? "passed" : "failed",
        title: `body ${pointer || "(root)"} is ${JSON.stringify(want)}`,
        expected: want,
        actual: !json.ok ? { body: bodyForReport(response) } : found ? actual : MISSING,
        position: at([pointer]),
      };
    });
  },
});

const MISSING_VALUE = Symbol("missing");

function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) node = node[Number(key)];
    else if (typeof node === "object" && node !== null && !Array.isArray(node) && Object.hasOwn(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else return MISSING_VALUE;
  }
  return node;
}
