// `upstreamCall: <url>`: hubkit plays the service and calls an upstream (a Functions app's SignalR trigger or any
// receiver) as the service would, then checks its status and, for an invocation, the framed Completion it returns.

import { encode } from "@msgpack/msgpack";
import type { CheckResult } from "../../results/result.js";
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import {
  buildUpstreamRequest,
  connectedBody,
  disconnectedBody,
  readCompletion,
  sendHttpUpstream,
} from "../../targets/upstream-protocol.js";
import { StepRunError } from "../step-error.js";
import { defineStepKind } from "../step-kind.js";

interface UpstreamCallConfig {
  upstreamCall: string;
  accessKey: string;
  hub: string;
  event: string;
  category?: "connections" | "messages";
  protocol?: "json" | "messagepack";
  arguments?: unknown[];
  /** Absent: a send() (no Completion expected). */
  invocationId?: string;
  userId?: string;
  signature?: "valid" | "wrong-key" | "none";
  contentType?: string;
  omitHeaders?: string[];
  expect: { status: number | number[]; completion?: boolean };
  timeout?: string | number;
}

export const upstreamCallStep = defineStepKind<UpstreamCallConfig>({
  name: "upstreamCall",
  description:
    "Call an upstream URL as the service does (X-ASRS-* headers, sha256= signature, hub-protocol body) and check the status and the Completion it returns.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["upstreamCall", "accessKey", "hub", "event", "expect"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      upstreamCall: {
        type: "string",
        minLength: 1,
        description: "The upstream URL (e.g. .../runtime/webhooks/signalr).",
      },
      accessKey: { type: "string", minLength: 1, description: "The key the upstream verifies signatures with." },
      hub: { type: "string", minLength: 1 },
      event: { type: "string", minLength: 1, description: "connected, disconnected or a hub method." },
      category: { enum: ["connections", "messages"], description: "Default: messages." },
      protocol: { enum: ["json", "messagepack"], description: "The client's hub protocol (default json)." },
      arguments: { type: "array" },
      invocationId: { type: "string", description: "Set for invoke(): a Completion is expected back." },
      userId: { type: "string" },
      signature: { enum: ["valid", "wrong-key", "none"], description: "Default valid." },
      contentType: { type: "string", description: "Overrides the Content-Type (to test a 415)." },
      omitHeaders: { type: "array", items: { type: "string" }, description: "Headers to leave out (to test a 400)." },
      expect: {
        type: "object",
        additionalProperties: false,
        required: ["status"],
        properties: {
          status: { anyOf: [{ type: "integer" }, { type: "array", items: { type: "integer" } }] },
          completion: { type: "boolean", description: "The body is one framed Completion for the invocationId." },
        },
      },
      timeout: { ...DURATION_SCHEMA, description: "Default 30s." },
    },
  },
  title: (raw) => `upstream ${raw.category ?? "messages"}/${raw.event} (${raw.protocol ?? "json"})`,
  run: async (config, ctx) => {
    const category = config.category ?? "messages";
    const protocol = config.protocol ?? "json";
    const connectionId = `hubkit-upstream-test-${Math.random().toString(36).slice(2, 10)}`;
    const body =
      category === "connections"
        ? config.event === "disconnected"
          ? disconnectedBody(undefined)
          : connectedBody()
        : invocationBody(protocol, config);
    const request = buildUpstreamRequest({
      url: config.upstreamCall,
      caller: { connectionId, hub: config.hub, userId: config.userId, protocol, query: `hub=${config.hub}` },
      category,
      event: config.event,
      body,
      accessKeys: [config.signature === "wrong-key" ? `${config.accessKey}-wrong` : config.accessKey],
    });
    if (config.signature === "none") delete request.headers["X-ASRS-Signature"];
    if (config.contentType !== undefined) request.headers["Content-Type"] = config.contentType;
    for (const name of config.omitHeaders ?? []) {
      for (const key of Object.keys(request.headers))
        if (key.toLowerCase() === name.toLowerCase()) delete request.headers[key];
    }
    const answer = await sendHttpUpstream(request, {
      timeoutMs: durationOr(config.timeout, 30_000),
      maxResponseBytes: 16 * 1024 * 1024,
    });
    if (answer.kind !== "response") {
      throw new StepRunError(
        answer.kind === "timeout" ? "Upstream timed out" : "Upstream unreachable",
        answer.kind === "timeout"
          ? `No answer within ${answer.timeoutMs} ms.`
          : `${config.upstreamCall}: ${answer.kind === "unreachable" ? answer.error : "too large"}`,
        "Is the Functions host (func start) or your receiver running at that URL?",
      );
    }
    const statuses = Array.isArray(config.expect.status) ? config.expect.status : [config.expect.status];
    const checks: CheckResult[] = [
      {
        kind: "status",
        outcome: statuses.includes(answer.status) ? "passed" : "failed",
        title: `status is ${statuses.join(" or ")}`,
        expected: statuses.length === 1 ? statuses[0] : statuses,
        actual: answer.status,
        position: ctx.step.locate(["expect", "status"]),
      },
    ];
    if (config.expect.completion) {
      const id = config.invocationId ?? "";
      const read = readCompletion(protocol, answer.body, id);
      checks.push({
        kind: "completion",
        outcome: read.ok ? "passed" : "failed",
        title: `the body is one framed ${protocol} Completion for invocation ${JSON.stringify(id)}`,
        expected:
          protocol === "json"
            ? `{"type":3,"invocationId":"${id}",...} + 0x1E`
            : `varint length + [3, {}, "${id}", kind, ...]`,
        actual: read.ok ? read.outcome : `${read.reason} (${answer.body.length} bytes)`,
        position: ctx.step.locate(["expect", "completion"]),
      });
    }
    return { checks, status: answer.status };
  },
});

function invocationBody(protocol: "json" | "messagepack", config: UpstreamCallConfig): Buffer {
  const args = config.arguments ?? [];
  if (protocol === "json") {
    const message = {
      type: 1,
      ...(config.invocationId === undefined ? {} : { invocationId: config.invocationId }),
      target: config.event,
      arguments: args,
    };
    return Buffer.from(JSON.stringify(message), "utf8");
  }
  return Buffer.from(encode([1, {}, config.invocationId ?? null, config.event, args]));
}
