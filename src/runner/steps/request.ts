// `request: "METHOD /path?query"`: a raw request for negative cases; nothing is added but the token (see `auth`).
// `request: "GET ${next}"` follows an absolute URL from a response (a `nextLink`) on the target's own origin only.
import { COMMON_STEP_PROPERTIES } from "../../suite/index.js";
import {
  definesCaptures,
  encodeBody,
  HTTP_STEP_PROPERTIES,
  type HttpStepConfig,
  performHttpStep,
  validateHttpStep,
} from "../http-step.js";
import { requestLineOperation } from "../request-operation.js";
import { StepRunError } from "../step-error.js";
import { defineStepKind } from "../step-kind.js";
import { onTargetOrigin } from "./target-url.js";

interface RequestConfig extends HttpStepConfig {
  request: string;
  query?: Record<string, string | number | boolean | (string | number)[]>;
  body?: unknown;
}

const REQUEST_LINE = /^([A-Za-z]+)\s+(\/\S*|https?:\/\/\S+)$/i;

export const requestStep = defineStepKind<RequestConfig>({
  name: "request",
  description: "Send a raw request (method, path, query, headers, body) with the token chosen by `auth`.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["request"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      request: {
        type: "string",
        description:
          "Method and path as sent (not re-encoded), e.g. POST /api/hubs/chat/:send?api-version=2022-06-01; or an " +
          `absolute URL on the target's origin, e.g. GET \${next} with a captured nextLink (signed as the SDK does).`,
      },
      query: {
        type: "object",
        description: "Query parameters appended to the path (percent-encoded; lists repeat the key).",
        additionalProperties: {
          anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "array" }],
          "x-expected": "a text, a number or a list",
        },
      },
      body: { description: "A mapping or list is sent as JSON (content-type application/json); a string as is." },
      ...HTTP_STEP_PROPERTIES,
    },
  },
  title: (raw) => `request ${raw.request}`,
  operation: requestLineOperation,
  defines: definesCaptures,
  validate: (raw, ctx) => {
    validateHttpStep(raw, ctx);
    const line = String(raw.request);
    if (!line.includes("${") && !REQUEST_LINE.test(line.trim())) {
      ctx.report(["request"], `"${line}" is not a request line.`, {
        hint: "Write METHOD /path, e.g. HEAD /api/health, or METHOD followed by an absolute http(s) URL.",
      });
    }
  },
  run: async (config, ctx) => {
    const match = REQUEST_LINE.exec(config.request.trim());
    if (!match) {
      throw new StepRunError(
        "Bad request line",
        `"${config.request}" is not METHOD /path`,
        `Write e.g. GET /api/health, or GET \${next} with an absolute URL captured from a response.`,
      );
    }
    const target = match[2]!.startsWith("/")
      ? { pathAndQuery: match[2]! }
      : onTargetOrigin(match[2]!, ctx.target.endpoint);
    const body = encodeBody(config.body);
    const json = body !== undefined && typeof config.body !== "string";
    return performHttpStep({
      ctx,
      config,
      request: {
        method: match[1]!.toUpperCase(),
        pathAndQuery: appendQuery(target.pathAndQuery, config.query),
        headers: { ...(json ? { "content-type": "application/json" } : {}), ...config.headers },
        ...(body === undefined ? {} : { body }),
        auth: config.auth ?? "valid",
        // The SDK follows a nextLink verbatim and signs its token for that URL (port included, no query).
        ...(target.pathAndQuery === match[2] ? {} : { audience: "url-path" as const }),
      },
    });
  },
});

function appendQuery(path: string, query: RequestConfig["query"]): string {
  if (!query || Object.keys(query).length === 0) return path;
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return `${path}${path.includes("?") ? "&" : "?"}${pairs.join("&")}`;
}
