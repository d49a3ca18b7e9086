// What `call` and `request` share: send, check (expectations + spec schema), retry/eventually, capture, record.
import { redactTokens } from "../auth/index.js";
import type { CheckResult, HttpExchange } from "../results/result.js";
import type { Operation } from "../spec/index.js";
import { DURATION_SCHEMA, durationOr, type StepValidationContext } from "../suite/index.js";
import { AUTH_MODES, type AuthMode, type TargetRequest, type TargetResponse } from "../targets/target.js";
import { CAPTURE_SCHEMA, captureValues } from "./capture.js";
import {
  checkResponseSchema,
  checksByName,
  createResponseView,
  EXPECT_SCHEMA,
  type HttpResponseView,
} from "./checks/index.js";
import { sleep } from "./sleep.js";
import { type StepContext, type StepOutcome, skipStep } from "./step-kind.js";

export interface HttpStepConfig {
  headers?: Record<string, string>;
  auth?: AuthMode;
  expect?: Record<string, unknown>;
  capture?: Record<string, string>;
  retry?: { attempts?: number; interval?: string | number };
  eventually?: { within?: string | number; interval?: string | number };
}

export const AUTH_SCHEMA = {
  anyOf: [
    { enum: [...AUTH_MODES] },
    {
      type: "object",
      additionalProperties: false,
      required: ["claims"],
      properties: { claims: { type: "object", description: "Claims merged over the defaults; null removes one." } },
    },
  ],
  "x-expected": `one of ${AUTH_MODES.join(", ")}, or { claims: {...} }`,
  description: "The token to send (default valid).",
};

/** Schema properties every HTTP step accepts. */
export const HTTP_STEP_PROPERTIES = {
  headers: { type: "object", additionalProperties: { type: "string" }, description: "Extra request headers." },
  auth: AUTH_SCHEMA,
  expect: EXPECT_SCHEMA,
  capture: CAPTURE_SCHEMA,
  retry: {
    type: "object",
    additionalProperties: false,
    description: "Repeat until every check passes: at most `attempts` times, `interval` apart.",
    properties: { attempts: { type: "integer", minimum: 1, maximum: 1000 }, interval: DURATION_SCHEMA },
  },
  eventually: {
    type: "object",
    additionalProperties: false,
    description: "Repeat until every check passes or `within` has elapsed (for eventually consistent services).",
    properties: { within: DURATION_SCHEMA, interval: DURATION_SCHEMA },
  },
};

/** Load-time checks shared by HTTP steps: matcher-specific validation, and retry vs eventually. */
export function validateHttpStep(raw: Readonly<Record<string, unknown>>, ctx: StepValidationContext) {
  const expect = (raw.expect ?? {}) as Record<string, unknown>;
  for (const [name, expected] of Object.entries(expect)) {
    checksByName
      .get(name)
      ?.validate?.(expected, (path, message, hint) => ctx.report(["expect", name, ...path], message, { hint }));
  }
  if (raw.retry !== undefined && raw.eventually !== undefined) {
    ctx.report(["eventually"], "A step takes `retry` or `eventually`, not both.", {
      key: true,
      hint: "Keep the one that says what you mean.",
    });
  }
}

/** Captures become names for the steps after this one. */
export function definesCaptures(raw: Readonly<Record<string, unknown>>): { names: string[] } {
  return { names: Object.keys((raw.capture ?? {}) as Record<string, unknown>) };
}

export async function performHttpStep(options: {
  ctx: StepContext;
  request: Omit<TargetRequest, "signal">;
  config: HttpStepConfig;
  /**
   * The operation the request addresses: given by the caller, else the one resolved when the suite was loaded, else
   * (a path that holds templates) found through the spec's router once the request is built.
   */
  operation?: Operation;
}): Promise<StepOutcome> {
  const { ctx, request, config } = options;
  if (request.auth === "secondary" && !ctx.target.hasSecondaryKey) {
    return skipStep("needs the target's secondary access key: hubkit run --secondary-access-key <key>");
  }
  const operation = options.operation ?? ctx.step.operation ?? routeOperation(ctx, request);
  const policy = retryPolicy(config);
  const started = Date.now();
  let honoured = 0;
  for (let attempt = 1; ; attempt++) {
    let outcome: StepOutcome | undefined;
    let failure: unknown;
    try {
      outcome = await attemptOnce(ctx, { ...request, signal: ctx.signal }, config, operation);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      failure = error;
    }
    const passed = outcome?.checks.every((c) => c.outcome === "passed") === true;
    // A well-behaved client waits at least the Retry-After it was given (the mock's report flags one that does not).
    const retryAfter = retryAfterMs(outcome?.exchange?.response?.headers["retry-after"]);
    const waitMs = Math.max(policy.intervalMs, retryAfter ?? 0);
    const more = attempt < policy.attempts && Date.now() - started + waitMs <= policy.withinMs;
    if (passed || !more) {
      if (!outcome) throw failure;
      if (attempt > 1)
        outcome.note = `${attempt} attempts${honoured > 0 ? `, Retry-After honoured ${honoured} time(s)` : ""}`;
      return outcome;
    }
    if (retryAfter !== undefined && retryAfter > policy.intervalMs) honoured += 1;
    await sleep(waitMs, ctx.signal);
  }
}

/** The longest Retry-After the runner honours; a later date is treated as this. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

function retryPolicy(config: HttpStepConfig): { attempts: number; intervalMs: number; withinMs: number } {
  if (config.retry) {
    return {
      attempts: config.retry.attempts ?? 3,
      intervalMs: durationOr(config.retry.interval, 1000),
      withinMs: Infinity,
    };
  }
  if (config.eventually) {
    const intervalMs = durationOr(config.eventually.interval, 500);
    return { attempts: Infinity, intervalMs, withinMs: durationOr(config.eventually.within, 10_000) };
  }
  return { attempts: 1, intervalMs: 0, withinMs: 0 };
}

async function attemptOnce(
  ctx: StepContext,
  request: TargetRequest,
  config: HttpStepConfig,
  operation: Operation | undefined,
): Promise<StepOutcome> {
  const response = await ctx.target.request(request);
  const view = createResponseView(response);
  const checks: CheckResult[] = [];
  for (const [name, expected] of Object.entries(config.expect ?? {})) {
    const check = checksByName.get(name)!;
    checks.push(
      ...check.run({ expected, response: view, at: (path = []) => ctx.step.locate(["expect", name, ...path]) }),
    );
  }
  const outcome: StepOutcome = {
    checks,
    http: operation ? { status: response.status, operationId: operation.operationId } : { status: response.status },
    exchange: toExchange(request, response),
  };
  if (operation) {
    const schema = checkResponseSchema({
      spec: ctx.spec,
      operation,
      method: request.method,
      response: view,
      position: ctx.step.position,
    });
    checks.push(schema.check);
    if (schema.violations.length > 0) outcome.schemaViolations = schema.violations;
  }
  if (config.capture) checks.push(...capture(ctx, config.capture, view));
  return outcome;
}

function capture(ctx: StepContext, spec: Record<string, string>, view: HttpResponseView): CheckResult[] {
  return captureValues({
    capture: spec,
    response: view,
    set: (name, value) => ctx.scope.set(name, value),
    at: (name) => ctx.step.locate(["capture", name]),
  });
}

function routeOperation(ctx: StepContext, request: Omit<TargetRequest, "signal">): Operation | undefined {
  const q = request.pathAndQuery.indexOf("?");
  const path = q < 0 ? request.pathAndQuery : request.pathAndQuery.slice(0, q);
  const match = ctx.spec.router.match(request.method, path);
  return match.kind === "matched" ? match.match.operation : undefined;
}

const MAX_RECORDED_BODY = 64 * 1024;

function toExchange(request: TargetRequest, response: TargetResponse): HttpExchange {
  const body =
    typeof request.body === "string" ? request.body : request.body ? `(${request.body.length} bytes)` : undefined;
  return {
    request: {
      method: request.method,
      url: request.pathAndQuery,
      headers: response.sentHeaders,
      ...(body === undefined ? {} : { body: redactTokens(truncate(body)) }),
    },
    response: { status: response.status, headers: response.headers, body: truncate(response.body) },
    durationMs: response.durationMs,
  };
}

function truncate(text: string): string {
  return text.length > MAX_RECORDED_BODY ? `${text.slice(0, MAX_RECORDED_BODY)}… (${text.length} characters)` : text;
}

/** A mapping or list is sent as JSON; a string is sent exactly as written. */
export function encodeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}
