// `send: <client>`: the client sends a hub method invocation (`connection.send`): nothing is awaited but the send.
import { COMMON_STEP_PROPERTIES } from "../../suite/index.js";
import { StepRunError } from "../step-error.js";
import { defineStepKind } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

interface SendConfig {
  send: string;
  method: string;
  arguments?: unknown[];
}

export const sendStep = defineStepKind<SendConfig>({
  name: "send",
  description: "A connected client sends a hub method invocation without waiting for an answer (connection.send).",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["send", "method"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      send: CLIENT_NAME_SCHEMA,
      method: { type: "string", minLength: 1, description: "The hub method (the upstream event)." },
      arguments: { type: "array", description: "The method's arguments." },
    },
  },
  title: (raw) => `${raw.send} sends ${raw.method}`,
  validate: (raw, ctx) => requireConnected(raw.send, "send", ctx),
  run: async (config, ctx) => {
    const inbox = clientNamed(ctx, config.send);
    if (!inbox.client.send) throw new StepRunError("Cannot send", "This target's clients cannot send hub invocations.");
    await inbox.client.send(config.method, config.arguments ?? []);
    return { checks: [] };
  },
});
