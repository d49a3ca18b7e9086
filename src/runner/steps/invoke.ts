// `invoke: <client>`: the client invokes a hub method (`connection.invoke`) and expects its result or its error.

import type { CheckResult } from "../../results/result.js";
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import { findBadRegexes, matchesExactly, matchesText } from "../checks/match-value.js";
import { StepRunError } from "../step-error.js";
import { defineStepKind } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

interface InvokeConfig {
  invoke: string;
  method: string;
  arguments?: unknown[];
  result?: unknown;
  error?: string;
  timeout?: string | number;
}

type Outcome = { kind: "result"; value: unknown } | { kind: "error"; message: string } | { kind: "timeout" };

export const invokeStep = defineStepKind<InvokeConfig>({
  name: "invoke",
  description:
    "A connected client invokes a hub method (the upstream or an in-process handler answers) and expects the result or the error.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["invoke", "method"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      invoke: CLIENT_NAME_SCHEMA,
      method: { type: "string", minLength: 1, description: "The hub method (the upstream event)." },
      arguments: { type: "array", description: "The method's arguments." },
      result: { description: "The exact result expected (/regex/ strings match strings)." },
      error: { type: "string", description: "The Completion error expected, as text or /regex/." },
      timeout: { ...DURATION_SCHEMA, description: "How long to wait for the Completion (default 5s)." },
    },
  },
  title: (raw) => `${raw.invoke} invokes ${raw.method}`,
  validate: (raw, ctx) => {
    requireConnected(raw.invoke, "invoke", ctx);
    findBadRegexes({ result: raw.result, error: raw.error }, (path, message) => ctx.report(path, message));
    if (raw.result !== undefined && raw.error !== undefined) {
      ctx.report(["error"], "An invocation answers with a result or an error, not both.", { key: true });
    }
  },
  run: async (config, ctx) => {
    const inbox = clientNamed(ctx, config.invoke);
    const invoke = inbox.client.invoke;
    if (!invoke) throw new StepRunError("Cannot invoke", "This target's clients cannot invoke hub methods.");
    const timeoutMs = durationOr(config.timeout, ctx.defaults.messageTimeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race<Outcome>([
      invoke(config.method, config.arguments ?? []).then(
        (value) => ({ kind: "result", value }),
        (error: unknown) => ({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
      ),
      new Promise<Outcome>((resolve) => {
        timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    const actual =
      outcome.kind === "result"
        ? { result: outcome.value ?? null }
        : outcome.kind === "error"
          ? { error: outcome.message }
          : `no Completion within ${timeoutMs} ms`;
    const checks: CheckResult[] = [];
    if (config.error !== undefined) {
      // The JS client rejects with the Completion's error text as it is.
      const passed = outcome.kind === "error" && matchesText(config.error, outcome.message);
      checks.push({
        kind: "invoke.error",
        outcome: passed ? "passed" : "failed",
        title: `${config.method} fails with ${config.error}`,
        expected: { error: config.error },
        actual,
        position: ctx.step.locate(["error"]),
      });
    } else {
      const passed =
        outcome.kind === "result" &&
        (config.result === undefined || matchesExactly(config.result, outcome.value ?? null));
      checks.push({
        kind: "invoke.result",
        outcome: passed ? "passed" : "failed",
        title:
          config.result === undefined
            ? `${config.method} completes without an error`
            : `${config.method} returns ${JSON.stringify(config.result)}`,
        expected: config.result === undefined ? "a result" : { result: config.result },
        actual,
        position: ctx.step.locate([config.result === undefined ? "invoke" : "result"]),
      });
    }
    return { checks };
  },
});
