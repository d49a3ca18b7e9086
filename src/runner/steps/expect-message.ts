// `expectMessage: <client>`: the client received `target`/`arguments` within a timeout, or (`none: true`) nothing
// matching during a window.

import type { CheckResult } from "../../results/result.js";
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import type { ReceivedMessage } from "../../targets/target.js";
import { findBadRegexes, matchesExactly, matchesText } from "../checks/match-value.js";
import type { ClientInbox } from "../client-inbox.js";
import { defineStepKind, type StepContext } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

interface ExpectMessageConfig {
  expectMessage: string;
  target?: string;
  arguments?: unknown[];
  timeout?: string | number;
  none?: boolean;
  window?: string | number;
  count?: number;
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
      window: {
        ...DURATION_SCHEMA,
        description: "With none: true (or count), how long to watch for (more) matching messages (default 1s).",
      },
      count: {
        type: "integer",
        minimum: 1,
        description: "Exactly this many matching messages: no duplicate (e.g. after a retried :send) within `window`.",
      },
    },
  },
  title: (raw) => `${raw.expectMessage} receives ${raw.none ? "no " : ""}${raw.target ?? "message"}`,
  validate: (raw, ctx) => {
    requireConnected(raw.expectMessage, "expectMessage", ctx);
    findBadRegexes({ target: raw.target, arguments: raw.arguments }, (path, message) => ctx.report(path, message));
    if (raw.none !== true && raw.count === undefined && raw.window !== undefined) {
      ctx.report(["window"], "`window` only applies with `none: true` or `count`.", {
        key: true,
        hint: "Use `timeout` instead.",
      });
    }
    if (raw.none === true && raw.count !== undefined) {
      ctx.report(["count"], "`count` does not apply with `none: true`.", { key: true, hint: "Drop one of them." });
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
    if (config.count !== undefined) {
      return { checks: [await countMessages({ inbox, matches, config, ctx, timeoutMs, expected, position })] };
    }
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

/** `count: N`: N matching messages in time, then none more during the window (a duplicate delivery fails it). */
async function countMessages(options: {
  inbox: ClientInbox;
  matches: (m: ReceivedMessage) => boolean;
  config: ExpectMessageConfig;
  ctx: StepContext;
  timeoutMs: number;
  expected: Record<string, unknown>;
  position: CheckResult["position"];
}): Promise<CheckResult> {
  const { inbox, matches, config, ctx, timeoutMs } = options;
  const count = config.count ?? 1;
  const found: ReceivedMessage[] = [];
  while (found.length < count) {
    const message = await inbox.take(matches, { timeoutMs, signal: ctx.signal });
    if (!message) break;
    found.push(message);
  }
  const windowMs = durationOr(config.window, ctx.defaults.quietWindowMs);
  const extra = found.length === count ? await inbox.watch(matches, { windowMs, signal: ctx.signal }) : [];
  // Duplicates are consumed too, so a later expectMessage does not mistake one for a new message.
  for (const _ of extra) await inbox.take(matches, { timeoutMs: 0, signal: ctx.signal });
  const total = found.length + extra.length;
  return {
    kind: "message",
    outcome: total === count ? "passed" : "failed",
    title: `${inbox.name} receives ${config.target ?? "a message"} exactly ${count} time(s) (watched ${windowMs} ms more)`,
    expected: { ...options.expected, count },
    actual: { count: total, received: [...found, ...extra].map(describe) },
    ...(options.position ? { position: options.position } : {}),
  };
}

function describe(message: ReceivedMessage): { target: string; arguments: readonly unknown[] } {
  return { target: message.target, arguments: message.arguments };
}
