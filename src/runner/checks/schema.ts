// The automatic check on every routed response: the spec documents its status, its body fits the schema, and
// the headers it declares are present.
import type { SourcePosition } from "../../errors.js";
import type { CheckResult } from "../../results/result.js";
import type { Operation, SpecIndex } from "../../spec/index.js";
import type { HttpResponseView } from "./check.js";

export interface SchemaCheck {
  check: CheckResult;
  violations: string[];
}

export function checkResponseSchema(options: {
  spec: SpecIndex;
  operation: Operation;
  method: string;
  response: HttpResponseView;
  position: SourcePosition;
}): SchemaCheck {
  const { spec, operation, response } = options;
  const status = String(response.status);
  const documented = operation.responses.get(status) ?? operation.responses.get("default");
  const label = `${operation.operationId} ${status}`;
  const result = (violations: string[], expected: unknown): SchemaCheck => ({
    violations,
    check: {
      kind: "schema",
      outcome: violations.length === 0 ? "passed" : "failed",
      title: `response matches the spec (${label})`,
      expected,
      actual: violations.length === 0 ? "conforms" : violations,
      position: options.position,
    },
  });
  if (!documented) {
    const statuses = [...operation.responses.keys()].join(", ");
    return result([`status ${status} is not documented for ${operation.operationId} (documented: ${statuses})`], {
      statuses,
    });
  }
  const violations: string[] = [];
  for (const header of documented.headers) {
    if (response.headers[header] === undefined) violations.push(`header ${header} is missing`);
  }
  // HEAD answers never have a body; an empty body is what the service sends on success (facts: 2xx bodies).
  if (documented.bodySchema && options.method !== "HEAD" && response.body !== "") {
    const json = response.json();
    if (!json.ok) violations.push("(body) is not JSON");
    else violations.push(...spec.schemas.validate(documented.bodySchema, json.value).map((v) => v.message));
  }
  return result(violations, { status: documented.status, headers: documented.headers });
}
