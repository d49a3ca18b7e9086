// `headers: { name: text | /regex/ | true | false }`: a header's value, its presence (true) or its absence (false).
import type { CheckResult } from "../../results/result.js";
import { defineCheck } from "./check.js";
import { findBadRegexes, matchesText } from "./match-value.js";

type Expected = Record<string, string | boolean>;

export const headersCheck = defineCheck<Expected>({
  name: "headers",
  description: "Response headers: a value (text or /regex/), true for present, false for absent. Names ignore case.",
  schema: {
    type: "object",
    additionalProperties: {
      anyOf: [{ type: "string" }, { type: "boolean" }, { type: "number" }],
      "x-expected": "a text, a /regex/, true (present) or false (absent)",
    },
  },
  validate: (expected, report) => findBadRegexes(expected, report),
  run: ({ expected, response, at }) =>
    Object.entries(expected).map(([name, want]): CheckResult => {
      const actual = response.headers[name.toLowerCase()];
      const position = at([name]);
      if (want === true || want === false) {
        return {
          kind: "headers",
          outcome: (actual !== undefined) === want ? "passed" : "failed",
          title: `header ${name} is ${want ? "present" : "absent"}`,
          expected: want ? "present" : "absent",
          actual: actual ?? "absent",
          position,
        };
      }
      const text = String(want);
      return {
        kind: "headers",
        outcome: matchesText(text, actual) ? "passed" : "failed",
        title: `header ${name} is ${text}`,
        expected: text,
        actual: actual ?? "absent",
        position,
      };
    }),
});
