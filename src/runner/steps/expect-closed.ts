// `expectClosed: <client>`: the service closed the client (a Close message or a dropped transport), with a reason.
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import { findBadRegexes, matchesText } from "../checks/match-value.js";
import type { CheckResult } from "../result.js";
import { defineStepKind } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

interface ExpectClosedConfig {
  expectClosed: string;
  reason?: string | null;
  timeout?: string | number;
}

export const expectClosedStep = defineStepKind<ExpectClosedConfig>({
  name: "expectClosed",
  description: "A client was closed by the service within a timeout, with the given reason (null: with none).",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["expectClosed"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      expectClosed: CLIENT_NAME_SCHEMA,
      reason: {
        anyOf: [{ type: "string" }, { type: "null" }],
        "x-expected": "the Close message's error as text or /regex/, or null for no reason",
        description: "The error of the service's Close message (the REST `reason`).",
      },
      timeout: { ...DURATION_SCHEMA, description: "How long to wait for the close (default 5s)." },
    },
  },
  title: (raw) => `${raw.expectClosed} is closed by the service`,
  validate: (raw, ctx) => {
    requireConnected(raw.expectClosed, "expectClosed", ctx);
    findBadRegexes(raw.reason, (_, message) => ctx.report(["reason"], message));
  },
  run: async (config, ctx) => {
    const inbox = clientNamed(ctx, config.expectClosed);
    const timeoutMs = durationOr(config.timeout, ctx.defaults.messageTimeoutMs);
    const closed = await inbox.closed({ timeoutMs, signal: ctx.signal });
    const checks: CheckResult[] = [
      {
        kind: "closed",
        outcome: closed?.by === "service" ? "passed" : "failed",
        title: `${inbox.name} is closed by the service within ${timeoutMs} ms`,
        expected: "closed by the service",
        actual: closed ? `closed by the ${closed.by}` : "still connected",
        position: ctx.step.locate(["expectClosed"]),
      },
    ];
    if (closed?.by === "service" && Object.hasOwn(config, "reason")) {
      const reason = config.reason ?? null;
      const passed = reason === null ? closed.reason === undefined : matchesText(reason, closed.reason);
      checks.push({
        kind: "closed.reason",
        outcome: passed ? "passed" : "failed",
        title:
          reason === null
            ? `${inbox.name} is closed without a reason`
            : `${inbox.name} is closed with reason ${reason}`,
        expected: reason,
        actual: closed.reason ?? null,
        position: ctx.step.locate(["reason"]),
      });
    }
    return { checks };
  },
});
