// `error: { code, message, target }`: fields of the ErrorDetail body, each a text or a /regex/.
import type { CheckResult } from "../../results/result.js";
import { bodyForReport, defineCheck } from "./check.js";
import { findBadRegexes, matchesText } from "./match-value.js";

type Field = "code" | "message" | "target";
type Expected = Partial<Record<Field, string>>;

const TEXT = { type: "string", description: "The exact text, or /regex/ to search for." };

export const errorDetailCheck = defineCheck<Expected>({
  name: "error",
  description: "The ErrorDetail body: code, message and target, each as text or /regex/.",
  schema: {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: { code: TEXT, message: TEXT, target: TEXT },
  },
  validate: (expected, report) => findBadRegexes(expected, report),
  run: ({ expected, response, at }) => {
    const json = response.json();
    const detail = json.ok && isObject(json.value) ? json.value : undefined;
    return (Object.keys(expected) as Field[]).map((field): CheckResult => {
      const want = expected[field]!;
      const value = detail?.[field];
      const actual = detail === undefined ? { body: bodyForReport(response) } : (value ?? "(missing)");
      return {
        kind: `error.${field}`,
        outcome: typeof value === "string" && matchesText(want, value) ? "passed" : "failed",
        title: `error ${field} is ${want}`,
        expected: want,
        actual,
        position: at([field]),
      };
    });
  },
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
