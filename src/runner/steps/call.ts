// `call: <operationId>`: a REST call built from the spec (path template, api-version, signed token).
// `call: <operationId>` with `url: ${next}` sends that operation to an absolute URL from a response (a `nextLink`),
// as written, on the target's own origin only, signed for that URL as the SDK signs a followed nextLink.
import type { Operation } from "../../spec/index.js";
import { suggestClosest } from "../../spec/index.js";
import { COMMON_STEP_PROPERTIES, type StepValidationContext } from "../../suite/index.js";
import {
  definesCaptures,
  encodeBody,
  HTTP_STEP_PROPERTIES,
  type HttpStepConfig,
  performHttpStep,
  validateHttpStep,
} from "../http-step.js";
import { StepRunError } from "../step-error.js";
import { defineStepKind, type StepContext } from "../step-kind.js";
import { onTargetOrigin } from "./target-url.js";

type QueryValue = string | number | boolean | null | (string | number)[];

interface CallConfig extends HttpStepConfig {
  call: string;
  url?: string;
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

const SCALAR = { anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }] };

export const callStep = defineStepKind<CallConfig>({
  name: "call",
  description: "Call an operation of the spec by operationId; api-version and a valid token are added.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["call"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      call: { type: "string", minLength: 1, description: "The operationId, e.g. SignalR_SendToUser." },
      url: {
        type: "string",
        minLength: 1,
        description:
          "An absolute URL on the target's origin to send the operation to as is, instead of params and query, " +
          `e.g. \${next} with a captured nextLink (signed for that URL, as the SDK follows a nextLink).`,
      },
      params: {
        type: "object",
        description: "Path parameters (percent-encoded for you), e.g. { hub: chat, user: alice }.",
        additionalProperties: { anyOf: [{ type: "string" }, { type: "number" }], "x-expected": "a text or a number" },
      },
      query: {
        type: "object",
        description: "Query parameters: application, excluded (a list), reason, ttl; api-version: null leaves it out.",
        additionalProperties: {
          anyOf: [
            { type: "null" },
            ...SCALAR.anyOf,
            { type: "array", items: { anyOf: [{ type: "string" }, { type: "number" }] } },
          ],
          "x-expected": "a text, a number, a list or null",
        },
      },
      body: { description: "The JSON body (a mapping); a string is sent as is." },
      ...HTTP_STEP_PROPERTIES,
    },
  },
  title: (raw) => `call ${raw.call}`,
  operation: (raw, spec) => spec.operation(String(raw.call)),
  defines: definesCaptures,
  validate: (raw, ctx) => {
    validateHttpStep(raw, ctx);
    const operation = ctx.spec.operation(String(raw.call));
    if (!operation) {
      const guess = suggestClosest(
        String(raw.call),
        ctx.spec.operations.map((o) => o.operationId),
      );
      ctx.report(["call"], `Unknown operationId "${raw.call}".`, {
        code: "E_SUITE_OPERATION",
        hint: guess ? `Did you mean ${guess}?` : "See spec/signalr-2022-06-01.yaml for the operationIds.",
      });
      return;
    }
    if (raw.url === undefined) validateParameters(operation, raw, ctx);
    else validateUrl(operation, raw, ctx);
  },
  run: async (config, ctx) => {
    const operation = loadedOperation(ctx);
    const followed = config.url === undefined ? undefined : followedUrl(operation, config.url, ctx);
    const body = encodeBody(config.body);
    const headers = { ...(body === undefined ? {} : { "content-type": "application/json" }), ...config.headers };
    return performHttpStep({
      ctx,
      operation,
      config,
      request: {
        method: operation.method,
        pathAndQuery:
          followed ?? ctx.spec.url(operation.operationId, pathValues(operation, config, ctx), config.query ?? {}),
        headers,
        ...(body === undefined ? {} : { body }),
        auth: config.auth ?? "valid",
        // The SDK follows a nextLink verbatim and signs its token for that URL (port included, no query).
        ...(followed === undefined ? {} : { audience: "url-path" as const }),
      },
    });
  },
});

function validateParameters(operation: Operation, raw: Readonly<Record<string, unknown>>, ctx: StepValidationContext) {
  const params = (raw.params ?? {}) as Record<string, unknown>;
  const pathNames = operation.pathParams.map((p) => p.name);
  for (const name of Object.keys(params)) {
    if (pathNames.includes(name)) continue;
    const guess = suggestClosest(name, pathNames);
    ctx.report(["params", name], `${operation.operationId} has no path parameter "${name}".`, {
      key: true,
      hint: guess ? `Did you mean "${guess}"?` : `Its path parameters: ${pathNames.join(", ") || "none"}.`,
    });
  }
  for (const name of pathNames) {
    if (params[name] === undefined) {
      ctx.report(
        raw.params === undefined ? ["call"] : ["params"],
        `Missing path parameter "${name}" for ${operation.operationId}.`,
        {
          hint: `Add it under params: (the path is ${operation.path}).`,
        },
      );
    }
  }
  const queryNames = operation.queryParams.map((p) => p.name);
  for (const name of Object.keys((raw.query ?? {}) as Record<string, unknown>)) {
    if (queryNames.includes(name)) continue;
    const guess = suggestClosest(name, queryNames);
    ctx.report(["query", name], `${operation.operationId} has no query parameter "${name}".`, {
      key: true,
      hint: guess
        ? `Did you mean "${guess}"?`
        : `Its query parameters: ${queryNames.join(", ")}. To send anything else, use a request step.`,
    });
  }
  if (raw.body !== undefined && !operation.requestBody) {
    ctx.report(["body"], `${operation.operationId} takes no body.`, {
      key: true,
      hint: "Remove it, or use a request step to send a body anyway.",
    });
  }
}

/** With `url`, the URL carries the path and query: params and query would be silently dropped, so they are refused. */
function validateUrl(operation: Operation, raw: Readonly<Record<string, unknown>>, ctx: StepValidationContext) {
  for (const key of ["params", "query"] as const) {
    if (raw[key] === undefined) continue;
    ctx.report([key], `${key} cannot be combined with url: the URL is sent as written.`, {
      key: true,
      hint: `Remove ${key}, or remove url to build the ${operation.operationId} path from params and query.`,
    });
  }
  const url = String(raw.url);
  if (!url.includes("${") && !/^https?:\/\/\S+$/i.test(url)) {
    ctx.report(["url"], `"${url}" is not an absolute http(s) URL.`, {
      hint: `Give an absolute URL taken from a response, e.g. url: \${next} after capture: { next: body.nextLink }.`,
    });
  }
}

/** The path and query to send: on the target's origin, and addressing this step's operation (else a step error). */
function followedUrl(operation: Operation, url: string, ctx: StepContext): string {
  const { pathAndQuery } = onTargetOrigin(url, ctx.target.endpoint);
  const q = pathAndQuery.indexOf("?");
  const routed = ctx.spec.router.match(operation.method, q < 0 ? pathAndQuery : pathAndQuery.slice(0, q));
  const found = routed.kind === "matched" ? routed.match.operation.operationId : undefined;
  if (found !== operation.operationId) {
    throw new StepRunError(
      "URL for another operation",
      `${url} addresses ${found ?? "no operation of the spec"}, not ${operation.operationId}`,
      "Follow a nextLink with the operation that returned it, or use a request step for any URL.",
    );
  }
  return pathAndQuery;
}

/** Resolved when the suite was loaded (validation refused an unknown operationId). */
function loadedOperation(ctx: StepContext): Operation {
  const { operation } = ctx.step;
  if (!operation) throw new StepRunError("Unresolved operation", `${ctx.step.title} was not loaded from a suite`);
  return operation;
}

/** Path values as written; a value that resolved to nothing is a step error naming it. */
function pathValues(operation: Operation, config: CallConfig, ctx: StepContext): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { name } of operation.pathParams) {
    const value = config.params?.[name];
    if (value === undefined) {
      throw new StepRunError(
        "Missing path parameter",
        `${name} resolved to nothing`,
        `Check params.${name} at ${ctx.step.title}.`,
      );
    }
    values[name] = String(value);
  }
  return values;
}
