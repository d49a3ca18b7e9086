// `expectMessage: <client>`: the client received `target`/`arguments` within a timeout, or (`none: true`) nothing
// matching during a window.
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import type { ReceivedMessage } from "../../targets/target.js";
import { findBadRegexes, matchesExactly, matchesText } from "../checks/match-value.js";
import { defineStepKind } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

interface ExpectMessageConfig {
  expectMessage: string;
  target?: string;
  arguments?: unknown[];
  timeout?: string | number;
  none?: boolean;
  window?: string | number;
}

export const expectMessageStep = defineStepKind<ExpectMessageConfig>({
  name: "expectMessage",
  description: "A client received an invocation (target and arguments) in time, or with none: true, nothing matching.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["expectMessage"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      expectMessage: CLIENT_NAME_SCHEMA,
      target: { type: "string", description: "The invocation target, as text or /regex/." },
      arguments: { type: "array", description: "The exact arguments; /regex/ strings match strings." },
      timeout: { ...DURATION_SCHEMA, description: "How long to wait for the message (default 5s)." },
      none: { type: "boolean", description: "Expect no matching message during `window`." },
      window: { ...DURATION_SCHEMA, description: "With none: true, how long to watch (default 1s)." },
    },
  },
  title: (raw) => `${raw.expectMessage} receives ${raw.none ? "no " : ""}${raw.target ?? "message"}`,
  validate: (raw, ctx) => {
    requireConnected(raw.expectMessage, "expectMessage", ctx);
    findBadRegexes({ target: raw.target, arguments: raw.arguments }, (path, message) => ctx.report(path, message));
    if (raw.none !== true && raw.window !== undefined) {
      ctx.report(["window"], "`window` only applies with `none: true`.", { key: true, hint: "Use `timeout` instead." });
    }
    if (raw.none === true && raw.timeout !== undefined) {
      ctx.report(["timeout"], "`timeout` does not apply with `none: true`.", {
        key: true,
        hint: "Use `window` instead.",
      });
    }
  },
  run: async (config, ctx) => {
    const inbox = clientNamed(ctx, config.expectMessage);
    const matches = (m: ReceivedMessage) =>
      (config.target === undefined || matchesText(config.target, m.target)) &&
      (config.arguments === undefined || matchesExactly(config.arguments, m.arguments));
    const expected = { target: config.target ?? "(any)", ...(config.arguments ? { arguments: config.arguments } : {}) };
    const position = ctx.step.locate(config.target === undefined ? ["expectMessage"] : ["target"]);
    if (config.none) {
      const windowMs = durationOr(config.window, ctx.defaults.quietWindowMs);
      const unexpected = await inbox.watch(matches, { windowMs, signal: ctx.signal });
      return {
        checks: [
          {
            kind: "message",
            outcome: unexpected.length === 0 ? "passed" : "failed",
            title: `${inbox.name} receives no ${config.target ?? "message"} within ${windowMs} ms`,
            expected: { none: expected },
            actual: unexpected.length === 0 ? "nothing matching" : unexpected.map(describe),
            position,
          },
        ],
      };
    }
    const timeoutMs = durationOr(config.timeout, ctx.defaults.messageTimeoutMs);
    const found = await inbox.take(matches, { timeoutMs, signal: ctx.signal });
    return {
      checks: [
        {
          kind: "message",
          outcome: found ? "passed" : "failed",
          title: `${inbox.name} receives ${config.target ?? "a message"} within ${timeoutMs} ms`,
          expected,
          actual: found
            ? describe(found)
            : { received: inbox.unconsumed().map(describe), closed: inbox.client.closed ?? false },
          position,
        },
      ],
    };
  },
});

function describe(message: ReceivedMessage): { target: string; arguments: readonly unknown[] } {
  return { target: message.target, arguments: message.arguments };
}
