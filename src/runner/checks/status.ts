// `status: 202` or `status: [200, 204]`: the HTTP status of the response.
import { defineCheck } from "./check.js";

const STATUS = { type: "integer", minimum: 100, maximum: 599 };

export const statusCheck = defineCheck<number | number[]>({
  name: "status",
  description: "The HTTP status, or a list of acceptable statuses.",
  schema: {
    anyOf: [STATUS, { type: "array", items: STATUS, minItems: 1 }],
    "x-expected": "an HTTP status (e.g. 202) or a list of them",
  },
  run: ({ expected, response, at }) => {
    const allowed = Array.isArray(expected) ? expected : [expected];
    const title = allowed.length === 1 ? `status is ${allowed[0]}` : `status is one of ${allowed.join(", ")}`;
    return [
      {
        kind: "status",
        outcome: allowed.includes(response.status) ? "passed" : "failed",
        title,
        expected,
        actual: response.status,
        position: at(),
      },
    ];
  },
});
