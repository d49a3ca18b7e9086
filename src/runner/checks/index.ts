// The matcher registry: each key allowed under `expect:` and the file that checks it.

import { bodyPointerCheck } from "./body-pointer.js";
import type { Check } from "./check.js";
import { containsCheck } from "./contains.js";
import { equalsCheck } from "./equals.js";
import { errorDetailCheck } from "./error-detail.js";
import { headersCheck } from "./headers.js";
import { matchesCheck } from "./matches.js";
import { statusCheck } from "./status.js";

export const checks: readonly Check[] = [
  statusCheck,
  headersCheck,
  errorDetailCheck,
  bodyPointerCheck,
  equalsCheck,
  containsCheck,
  matchesCheck,
];

export const checksByName: ReadonlyMap<string, Check> = new Map(checks.map((c) => [c.name, c]));

/** The schema of an `expect:` block, assembled from the registry. */
export const EXPECT_SCHEMA = {
  type: "object",
  additionalProperties: false,
  description: "Expectations on the response; every response is also checked against the spec automatically.",
  properties: Object.fromEntries(checks.map((c) => [c.name, { ...c.schema, description: c.description }])),
};

export { type Check, createResponseView, type HttpResponseView } from "./check.js";
export { checkResponseSchema, type SchemaCheck } from "./schema.js";
