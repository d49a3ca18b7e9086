// `connect: <name>`: opens a real SignalR client; `${name.connectionId}` is available to later steps.

import type { CheckResult } from "../../results/result.js";
import { COMMON_STEP_PROPERTIES } from "../../suite/index.js";
import type { AuthMode, ClientOptions, HubProtocolName, TransportName } from "../../targets/target.js";
import { includesText } from "../checks/match-value.js";
import { ClientInbox } from "../client-inbox.js";
import { AUTH_SCHEMA } from "../http-step.js";
import { StepRunError } from "../step-error.js";
import { defineStepKind } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA } from "./client-names.js";

interface ConnectConfig {
  connect: string;
  hub: string;
  user?: string;
  application?: string;
  protocol?: HubProtocolName;
  transport?: TransportName;
  claims?: Record<string, unknown>;
  auth?: AuthMode;
  statefulReconnect?: boolean;
  fails?: boolean | string;
  answers?: Record<string, { result: unknown } | { error: string }>;
}

export const connectStep = defineStepKind<ConnectConfig>({
  name: "connect",
  description: `Open a SignalR client through /client/?hub= under a name; later steps use \${name.connectionId}.`,
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["connect", "hub"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      connect: CLIENT_NAME_SCHEMA,
      hub: { type: "string", minLength: 1, description: "The hub to connect to." },
      user: { type: "string", description: "The user id put in the client token." },
      application: { type: "string", description: "Connects to <application>_<hub>, as the REST API addresses it." },
      protocol: { enum: ["json", "messagepack"], description: "The hub protocol (default json)." },
      transport: {
        enum: ["webSockets", "serverSentEvents", "longPolling"],
        description: "The transport (default webSockets).",
      },
      claims: { type: "object", description: "Extra claims for the client token." },
      answers: {
        type: "object",
        additionalProperties: {
          oneOf: [
            { type: "object", additionalProperties: false, required: ["result"], properties: { result: {} } },
            {
              type: "object",
              additionalProperties: false,
              required: ["error"],
              properties: { error: { type: "string", minLength: 1 } },
            },
          ],
        },
        "x-expected": "a mapping of method names to {result: value} or {error: text}",
        description: "Handlers for server-initiated invocations (REST :invoke): return `result`, or throw `error`.",
      },
      statefulReconnect: {
        type: "boolean",
        description: "Build the client withStatefulReconnect(): after a dropped WebSocket it resumes, losing nothing.",
      },
      auth: AUTH_SCHEMA,
      fails: {
        anyOf: [{ type: "boolean" }, { type: "string" }],
        "x-expected": "true, or the expected error as text or /regex/",
        description: "Expect the connection to be refused (optionally with this error).",
      },
    },
  },
  title: (raw) => `connect ${raw.connect} to ${raw.hub}${raw.user ? ` as ${raw.user}` : ""}`,
  defines: (raw) => (raw.fails ? {} : { clients: [String(raw.connect)] }),
  validate: (raw, ctx) => {
    if (raw.protocol === "messagepack" && raw.transport === "serverSentEvents") {
      ctx.report(["transport"], "Server-Sent Events carry text only, so they cannot carry MessagePack.", {
        hint: "Use webSockets or longPolling with messagepack, or the json protocol with serverSentEvents.",
      });
    }
  },
  run: async (config, ctx) => {
    const name = config.connect;
    const open = ctx.clients.get(name);
    if (open && !open.client.closed) {
      throw new StepRunError(
        "Client already connected",
        `"${name}" is still connected.`,
        `Add a \`disconnect: ${name}\` first.`,
      );
    }
    const options: ClientOptions = { hub: config.hub, signal: ctx.signal };
    for (const key of [
      "user",
      "application",
      "protocol",
      "transport",
      "claims",
      "auth",
      "statefulReconnect",
      "answers",
    ] as const) {
      if (config[key] !== undefined) Object.assign(options, { [key]: config[key] });
    }
    const position = ctx.step.locate(config.fails === undefined ? ["connect"] : ["fails"]);
    let client: Awaited<ReturnType<typeof ctx.target.connect>>;
    try {
      client = await ctx.target.connect(options);
    } catch (error) {
      if (config.fails === undefined || config.fails === false || ctx.signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      const expected = typeof config.fails === "string" ? config.fails : "refused";
      const passed = typeof config.fails !== "string" || includesText(config.fails, message);
      return { checks: [check(passed, `${name} is refused`, expected, message, position)] };
    }
    if (config.fails !== undefined && config.fails !== false) {
      await client.stop();
      return {
        checks: [check(false, `${name} is refused`, "refused", `connected as ${client.connectionId}`, position)],
      };
    }
    ctx.clients.set(name, new ClientInbox(name, client));
    ctx.scope.set(`${name}.connectionId`, client.connectionId);
    ctx.scope.set(`${name}.connectionIdOtherCase`, flipCase(client.connectionId));
    ctx.scope.set(`${name}.hub`, client.hub);
    if (client.user !== undefined) ctx.scope.set(`${name}.user`, client.user);
    return { checks: [check(true, `${name} connected`, "connected", client.connectionId, position)] };
  },
});

function check(
  passed: boolean,
  title: string,
  expected: unknown,
  actual: unknown,
  position: CheckResult["position"],
): CheckResult {
  return {
    kind: "connect",
    outcome: passed ? "passed" : "failed",
    title,
    expected,
    actual,
    ...(position ? { position } : {}),
  };
}

/** `aBc-1` -> `AbC-1`. */
function flipCase(text: string): string {
  return [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
}
