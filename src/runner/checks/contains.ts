// `contains: <value>`: a text the body includes, or a JSON subset (keys present and matching, list items found).
import { bodyForReport, defineCheck } from "./check.js";
import { containsValue, findBadRegexes } from "./match-value.js";

export const containsCheck = defineCheck<unknown>({
  name: "contains",
  description: "A text the raw body includes, or a JSON subset of the body (extra keys and items are allowed).",
  schema: { "x-expected": "a text or a JSON subset" },
  validate: (expected, report) => findBadRegexes(expected, report),
  run: ({ expected, response, at }) => {
    const json = response.json();
    const passed =
      typeof expected === "string" ? response.body.includes(expected) : json.ok && containsValue(expected, json.value);
    return [
      {
        kind: "contains",
        outcome: passed ? "passed" : "failed",
        title: `body contains ${JSON.stringify(expected)}`,
        expected,
        actual: bodyForReport(response),
        position: at(),
      },
    ];
  },
});
