// `call: <operationId>`: a REST call built from the spec (path template, api-version, signed token).
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

type QueryValue = string | number | boolean | null | (string | number)[];

interface CallConfig extends HttpStepConfig {
  call: string;
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
    validateParameters(operation, raw, ctx);
  },
  run: async (config, ctx) => {
    const operation = loadedOperation(ctx);
    const body = encodeBody(config.body);
    const headers = { ...(body === undefined ? {} : { "content-type": "application/json" }), ...config.headers };
    return performHttpStep({
      ctx,
      operation,
      config,
      request: {
        method: operation.method,
        pathAndQuery: ctx.spec.url(operation.operationId, pathValues(operation, config, ctx), config.query ?? {}),
        headers,
        ...(body === undefined ? {} : { body }),
        auth: config.auth ?? "valid",
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
