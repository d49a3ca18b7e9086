// `matches: /regex/`: the raw body text matches a regular expression (slashes optional).
import { isRegexLiteral } from "../../suite/index.js";
import { bodyForReport, defineCheck } from "./check.js";
import { textPattern } from "./match-value.js";

export const matchesCheck = defineCheck<string>({
  name: "matches",
  description: "A regular expression the raw body text matches, written /regex/flags (or without the slashes).",
  schema: { type: "string", minLength: 1 },
  validate: (expected, report) => {
    try {
      textPattern(asRegexLiteral(expected));
    } catch (error) {
      report([], `${expected} is not a valid regular expression: ${(error as Error).message}`);
    }
  },
  run: ({ expected, response, at }) => {
    const pattern = textPattern(asRegexLiteral(expected));
    return [
      {
        kind: "matches",
        outcome: pattern.test(response.body) ? "passed" : "failed",
        title: `body matches ${pattern.source}`,
        expected: pattern.source,
        actual: bodyForReport(response),
        position: at(),
      },
    ];
  },
});

function asRegexLiteral(text: string): string {
  return isRegexLiteral(text) ? text : `/${text}/`;
}
