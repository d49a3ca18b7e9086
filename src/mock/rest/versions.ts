// What the operations added after 2022-06-01 change in the REST pipeline: strict versions, body shapes, query aliases.
import type { Operation } from "../../spec/index.js";
import { type MockHttpError, mockError } from "../errors.js";
import { firstValue, type QueryValues } from "./query.js";

/**
 * With `--strict-versions`, an operation answers only under the api-versions whose document has it. The Management
 * SDK sends the newer operations with `api-version=2022-06-01`, so this is off by default. The answer is ASP.NET API
 * versioning's for a route that exists in other versions: 400 (docs/fidelity.md).
 */
export function checkOperationVersion(operation: Operation, query: QueryValues): MockHttpError | undefined {
  const version = firstValue(query, "api-version");
  if (version === undefined || operation.apiVersions.includes(version)) return undefined;
  return mockError(
    "unsupportedApiVersion",
    `${operation.operationId} is not part of api-version '${version}'. It is available in '${operation.apiVersions.join(", ")}' (the mock runs with --strict-versions).`,
    { target: "api-version" },
  );
}

/** Bodies that are not a PayloadMessage, by operationId; each returns the parsed JSON or the 400 to answer. */
export const BODY_PARSERS: Readonly<Record<string, (body: Buffer) => unknown>> = {
  HubProxyV20230701_Execute: (body) => parseJson(body, "commands"),
};

function parseJson(body: Buffer, target: string): unknown {
  const text = body.toString("utf8");
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return mockError("invalidRequest", `The request body is not valid JSON: ${(error as Error).message}`, { target });
  }
}

/** Query names the Management SDK sends in place of the documented ones. */
export const QUERY_ALIASES = {
  /** `:complete` documents `reason`; the SDK sends `error`. */
  reason: (query: QueryValues): string | undefined => firstValue(query, "error"),
};
