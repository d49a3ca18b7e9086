// `disconnect: <name>`: stops a client this test opened.
import { COMMON_STEP_PROPERTIES } from "../../suite/index.js";
import { defineStepKind } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

export const disconnectStep = defineStepKind<{ disconnect: string }>({
  name: "disconnect",
  description: "Close a client opened by connect.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["disconnect"],
    properties: { ...COMMON_STEP_PROPERTIES, disconnect: CLIENT_NAME_SCHEMA },
  },
  title: (raw) => `disconnect ${raw.disconnect}`,
  validate: (raw, ctx) => requireConnected(raw.disconnect, "disconnect", ctx),
  run: async (config, ctx) => {
    const inbox = clientNamed(ctx, config.disconnect);
    await inbox.client.stop();
    return { checks: [] };
  },
});
