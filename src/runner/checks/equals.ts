// `equals: <value>`: the whole body: JSON compared structurally (with /regex/ strings), text compared exactly.
import { bodyForReport, defineCheck } from "./check.js";
import { findBadRegexes, matchesExactly } from "./match-value.js";

export const equalsCheck = defineCheck<unknown>({
  name: "equals",
  description: "The whole body: a JSON value (compared structurally) or a text (compared exactly; '' for empty).",
  schema: {},
  validate: (expected, report) => findBadRegexes(expected, report),
  run: ({ expected, response, at }) => {
    const json = response.json();
    const passed = json.ok ? matchesExactly(expected, json.value) : expected === response.body;
    return [
      {
        kind: "equals",
        outcome: passed ? "passed" : "failed",
        title: `body equals ${JSON.stringify(expected)}`,
        expected,
        actual: bodyForReport(response),
        position: at(),
      },
    ];
  },
});
