// `expectClosed: <client>`: the service closed the client (a Close message or a dropped transport), with a reason.

import type { CheckResult } from "../../results/result.js";
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import type { ClosedInfo } from "../../targets/target.js";
import { findBadRegexes, matchesText } from "../checks/match-value.js";
import { defineStepKind, type StepContext } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

interface ExpectClosedConfig {
  expectClosed: string;
  reason?: string | null;
  closeMessage?: boolean;
  allowReconnect?: boolean;
  timeout?: string | number;
}

export const expectClosedStep = defineStepKind<ExpectClosedConfig>({
  name: "expectClosed",
  description:
    "A client was closed by the service within a timeout, with the given reason (null: with none), by a Close message or not, allowing reconnects or not.",
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
      closeMessage: {
        type: "boolean",
        description: "true: a hub-protocol Close message arrived; false: the transport simply ended without one.",
      },
      allowReconnect: {
        type: "boolean",
        description: "The Close message's allowReconnect (absent in the message means false).",
      },
      timeout: { ...DURATION_SCHEMA, description: "How long to wait for the close (default 5s)." },
    },
  },
  title: (raw) => `${raw.expectClosed} is closed by the service`,
  validate: (raw, ctx) => {
    requireConnected(raw.expectClosed, "expectClosed", ctx);
    findBadRegexes(raw.reason, (_, message) => ctx.report(["reason"], message));
    if (raw.closeMessage !== false) return;
    // A reason and allowReconnect are fields of the Close message: without one they can never match.
    for (const key of ["reason", "allowReconnect"] as const) {
      if (raw[key] === undefined || (key === "reason" && raw.reason === null)) continue;
      ctx.report([key], `\`${key}\` is part of the Close message, but \`closeMessage: false\` expects none.`, {
        key: true,
        hint: `Remove \`${key}\`, or expect a Close message with \`closeMessage: true\`.`,
      });
    }
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
    if (closed?.by === "service") checks.push(...detailChecks(config, closed, { name: inbox.name, ctx }));
    return { checks };
  },
});

/** One check per optional key written in the step, each pointing at that key. */
function detailChecks(
  config: ExpectClosedConfig,
  closed: ClosedInfo,
  { name, ctx }: { name: string; ctx: StepContext },
): CheckResult[] {
  const checks: CheckResult[] = [];
  const check = (key: string, passed: boolean, rest: Omit<CheckResult, "kind" | "outcome" | "position">) =>
    checks.push({
      kind: `closed.${key}`,
      outcome: passed ? "passed" : "failed",
      ...rest,
      position: ctx.step.locate([key]),
    });
  if (Object.hasOwn(config, "reason")) {
    const reason = config.reason ?? null;
    check("reason", reason === null ? closed.reason === undefined : matchesText(reason, closed.reason), {
      title: reason === null ? `${name} is closed without a reason` : `${name} is closed with reason ${reason}`,
      expected: reason,
      actual: closed.reason ?? null,
    });
  }
  if (config.closeMessage !== undefined) {
    check("closeMessage", closed.closeMessage === config.closeMessage, {
      title: config.closeMessage
        ? `${name} receives a Close message`
        : `${name}'s transport ends without a Close message`,
      expected: config.closeMessage,
      actual: closed.closeMessage,
    });
  }
  if (config.allowReconnect !== undefined) {
    // The protocol's default for a Close message without the field is false; without a message there is no value.
    const actual = closed.closeMessage ? (closed.allowReconnect ?? false) : null;
    check("allowReconnect", actual === config.allowReconnect, {
      title: `${name}'s Close message ${config.allowReconnect ? "allows" : "does not allow"} reconnecting`,
      expected: config.allowReconnect,
      actual,
    });
  }
  return checks;
}
