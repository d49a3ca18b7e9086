// `expectAttempts: <path part>`: how many times the mock saw one logical call (retries grouped) and how far apart.

import type { CheckResult } from "../../results/result.js";
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr, parseDuration } from "../../suite/index.js";
import { sleep } from "../sleep.js";
import { defineStepKind, skipStep } from "../step-kind.js";

interface ExpectAttemptsConfig {
  expectAttempts: string;
  method?: string;
  expect: { attempts?: number | string; spacing?: string; retryAfter?: "honoured" };
  timeout?: string | number;
}

const COMPARISON = /^(>=|<=|>|<|==)?\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?$/;

export const expectAttemptsStep = defineStepKind<ExpectAttemptsConfig>({
  name: "expectAttempts",
  description:
    "The mock saw a call (the latest whose path contains this text) this many times, spaced like this, honouring Retry-After.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["expectAttempts", "expect"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      expectAttempts: { type: "string", minLength: 1, description: "Part of the request path, e.g. /chat/:send." },
      method: { type: "string", description: "Only calls with this HTTP method." },
      expect: {
        type: "object",
        additionalProperties: false,
        properties: {
          attempts: {
            anyOf: [
              { type: "integer", minimum: 1 },
              { type: "string", pattern: COMPARISON.source },
            ],
            description: "How many attempts: 4, or a comparison such as >= 2.",
          },
          spacing: {
            type: "string",
            pattern: COMPARISON.source,
            description: "Every gap between attempts, e.g. >= 0.8s.",
          },
          retryAfter: { const: "honoured", description: "No retry came sooner than the Retry-After it was given." },
        },
      },
      timeout: { ...DURATION_SCHEMA, description: "How long to wait for the attempts to be recorded (default 2s)." },
    },
  },
  title: (raw) => `${raw.method ?? ""} ${raw.expectAttempts} attempts`.trim(),
  run: async (config, ctx) => {
    const control = ctx.target.faults;
    if (!control) {
      return skipStep(`attempts are recorded by the mock target only (this is ${ctx.target.kind})`, false);
    }
    const at = (key: string) => ctx.step.locate(["expect", key]);
    const find = async () =>
      (await control.attempts())
        .filter(
          (g) =>
            g.target.includes(config.expectAttempts) && (!config.method || g.method === config.method.toUpperCase()),
        )
        .at(-1);
    // Attempts are recorded when the mock finishes each answer: wait briefly for the expected count.
    const deadline = Date.now() + durationOr(config.timeout, 2000);
    let group = await find();
    while (config.expect.attempts !== undefined && !compare(config.expect.attempts, group?.attempts.length ?? 0, 1)) {
      if (Date.now() >= deadline) break;
      await sleep(20, ctx.signal);
      group = await find();
    }
    const checks: CheckResult[] = [];
    const count = group?.attempts.length ?? 0;
    if (config.expect.attempts !== undefined) {
      checks.push({
        kind: "attempts",
        outcome: compare(config.expect.attempts, count, 1) ? "passed" : "failed",
        title: `attempts ${text(config.expect.attempts)}`,
        expected: config.expect.attempts,
        actual: group ? { attempts: count, statuses: group.attempts.map((a) => a.status) } : "no such call seen",
        position: at("attempts"),
      });
    }
    if (config.expect.spacing !== undefined) {
      const gaps = group?.gapsMs ?? [];
      checks.push({
        kind: "attempts",
        outcome: gaps.length > 0 && gaps.every((g) => compare(config.expect.spacing!, g, 1000)) ? "passed" : "failed",
        title: `every gap between attempts ${config.expect.spacing}`,
        expected: config.expect.spacing,
        actual: { gapsMs: gaps },
        position: at("spacing"),
      });
    }
    if (config.expect.retryAfter === "honoured") {
      const warnings = group?.warnings ?? [];
      checks.push({
        kind: "attempts",
        outcome: warnings.length === 0 ? "passed" : "failed",
        title: "no retry sooner than its Retry-After",
        expected: "honoured",
        actual: warnings.length === 0 ? "honoured" : warnings,
        position: at("retryAfter"),
      });
    }
    return { checks, ...(group && group.warnings.length > 0 ? { note: `warning: ${group.warnings.join("; ")}` } : {}) };
  },
});

/** `4`, `>= 2`, `>= 0.8s` against an actual value; bare numbers in `spacing` are seconds (`unitMs` 1000). */
function compare(expected: number | string, actual: number, unitMs: number): boolean {
  if (typeof expected === "number") return actual === expected;
  const match = COMPARISON.exec(expected.trim());
  if (!match) return false;
  const value = match[3] ? (parseDuration(`${match[2]}${match[3]}`) ?? 0) : Number(match[2]) * unitMs;
  switch (match[1]) {
    case ">=":
      return actual >= value;
    case "<=":
      return actual <= value;
    case ">":
      return actual > value;
    case "<":
      return actual < value;
    default:
      return actual === value;
  }
}

function text(expected: number | string): string {
  return typeof expected === "number" ? `is ${expected}` : expected;
}
