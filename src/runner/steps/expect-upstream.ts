// `expectUpstream: <event>`: the upstream received a call for this event (hub, category, client, X-ASRS-* headers,
// body) whose signature verifies with the target's access key.

import type { CheckResult } from "../../results/result.js";
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import type { UpstreamCall } from "../../targets/target.js";
import { findBadRegexes, matchesExactly, matchesText } from "../checks/match-value.js";
import { sleep } from "../sleep.js";
import { defineStepKind, type StepContext, skipStep } from "../step-kind.js";

interface ExpectUpstreamConfig {
  expectUpstream: string;
  hub?: string;
  category?: "connections" | "messages";
  client?: string;
  headers?: Record<string, string | null>;
  body?: unknown;
  signature?: boolean;
  timeout?: string | number;
}

/** Calls an earlier expectUpstream of the same test matched (keyed by the test's client map). */
const consumedByTest = new WeakMap<object, Set<number>>();

export const expectUpstreamStep = defineStepKind<ExpectUpstreamConfig>({
  name: "expectUpstream",
  description:
    "The upstream received a call for an event (connected, disconnected or a hub method) with the given hub, client, X-ASRS-* headers and body, signed with the access key.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["expectUpstream"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      expectUpstream: { type: "string", minLength: 1, description: "The event: connected, disconnected or a method." },
      hub: { type: "string", description: "The X-ASRS-Hub (the effective hub name)." },
      category: { enum: ["connections", "messages"], description: "The X-ASRS-Category." },
      client: { type: "string", description: "A client name: the call's X-ASRS-Connection-Id is its connection id." },
      headers: {
        type: "object",
        additionalProperties: { anyOf: [{ type: "string" }, { type: "null" }] },
        description: "Headers as text or /regex/ (names case-insensitive); null: the header is absent.",
      },
      body: { description: "The JSON body, exactly (/regex/ strings match strings)." },
      signature: { type: "boolean", description: "Check X-ASRS-Signature against the access key (default true)." },
      timeout: { ...DURATION_SCHEMA, description: "How long to wait for the call (default 5s)." },
    },
  },
  title: (raw) => `upstream receives ${raw.expectUpstream}`,
  validate: (raw, ctx) => {
    findBadRegexes({ headers: raw.headers, body: raw.body }, (path, message) => ctx.report(path, message));
  },
  run: async (config, ctx) => {
    const probe = ctx.target.upstream;
    if (!probe) {
      return skipStep("this target has no upstream receiver (use the mock target, or run with --upstream-listen PORT)");
    }
    const consumed = consumedByTest.get(ctx.clients) ?? new Set<number>();
    consumedByTest.set(ctx.clients, consumed);
    const connectionId = config.client === undefined ? undefined : ctx.clients.get(config.client)?.client.connectionId;
    const timeoutMs = durationOr(config.timeout, ctx.defaults.messageTimeoutMs);
    const deadline = performance.now() + timeoutMs;
    let seen: UpstreamCall[] = [];
    let found: UpstreamCall | undefined;
    for (;;) {
      seen = (await probe.calls()).filter((call) => !consumed.has(call.seq));
      found = seen.find((call) => matches(call, config, connectionId));
      if (found || performance.now() >= deadline || ctx.signal.aborted) break;
      await sleep(20, ctx.signal).catch(() => undefined);
    }
    if (found) consumed.add(found.seq);
    return { checks: checksFor(config, ctx, found, seen, probe, timeoutMs) };
  },
});

function header(call: UpstreamCall, name: string): string | undefined {
  const key = Object.keys(call.headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : call.headers[key];
}

function jsonBody(call: UpstreamCall): unknown {
  if (call.bodyEncoding !== "utf8") return undefined;
  try {
    return JSON.parse(call.body);
  } catch {
    return call.body;
  }
}

function matches(call: UpstreamCall, config: ExpectUpstreamConfig, connectionId: string | undefined): boolean {
  return (
    call.event === config.expectUpstream &&
    (config.hub === undefined || call.hub === config.hub.toLowerCase()) &&
    (config.category === undefined || call.category === config.category) &&
    (connectionId === undefined || call.connectionId === connectionId) &&
    Object.entries(config.headers ?? {}).every(([name, value]) =>
      value === null ? header(call, name) === undefined : matchesText(value, header(call, name)),
    ) &&
    (config.body === undefined || matchesExactly(config.body, jsonBody(call)))
  );
}

function checksFor(
  config: ExpectUpstreamConfig,
  ctx: StepContext,
  found: UpstreamCall | undefined,
  seen: UpstreamCall[],
  probe: NonNullable<StepContext["target"]["upstream"]>,
  timeoutMs: number,
): CheckResult[] {
  const expected = {
    event: config.expectUpstream,
    ...(config.hub ? { hub: config.hub } : {}),
    ...(config.category ? { category: config.category } : {}),
    ...(config.client ? { client: config.client } : {}),
    ...(config.headers ? { headers: config.headers } : {}),
    ...(config.body !== undefined ? { body: config.body } : {}),
  };
  const checks: CheckResult[] = [
    {
      kind: "upstream",
      outcome: found ? "passed" : "failed",
      title: `the upstream receives ${config.expectUpstream} within ${timeoutMs} ms`,
      expected,
      actual: found ? describe(found) : { received: seen.map(describe) },
      position: ctx.step.locate(["expectUpstream"]),
    },
  ];
  if (found && config.signature !== false) {
    const signature = header(found, "X-ASRS-Signature");
    checks.push({
      kind: "upstream.signature",
      outcome: probe.signatureVerifies(signature, found.connectionId) ? "passed" : "failed",
      title: "X-ASRS-Signature is sha256=HMAC(access key, connection id)",
      expected: "a sha256= signature made with the access key",
      actual: signature ?? "no X-ASRS-Signature header",
      position: ctx.step.locate([config.signature === undefined ? "expectUpstream" : "signature"]),
    });
  }
  return checks;
}

function describe(call: UpstreamCall) {
  const { "X-ASRS-Signature": _, ...headers } = call.headers;
  return {
    event: call.event,
    hub: call.hub,
    category: call.category,
    headers,
    body: jsonBody(call) ?? `(${call.bodyEncoding})`,
  };
}
