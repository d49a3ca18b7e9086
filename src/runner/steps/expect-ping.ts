// `expectPing: <client>`: the service sends keep-alive Pings to an idle client (clients handle them silently).
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import { defineStepKind } from "../step-kind.js";
import { CLIENT_NAME_SCHEMA, clientNamed, requireConnected } from "./client-names.js";

interface ExpectPingConfig {
  expectPing: string;
  timeout?: string | number;
}

/** ASP.NET Core's default KeepAliveInterval is 15 s: wait a little longer by default. */
const DEFAULT_TIMEOUT_MS = 20_000;

export const expectPingStep = defineStepKind<ExpectPingConfig>({
  name: "expectPing",
  description:
    "A keep-alive Ping message reaches the client within the timeout (default 20s: the service pings an idle connection every 15s).",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["expectPing"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      expectPing: CLIENT_NAME_SCHEMA,
      timeout: { ...DURATION_SCHEMA, description: "How long to wait for the next Ping (default 20s)." },
    },
  },
  title: (raw) => `${raw.expectPing} receives a keep-alive ping`,
  validate: (raw, ctx) => requireConnected(raw.expectPing, "expectPing", ctx),
  run: async (config, ctx) => {
    const inbox = clientNamed(ctx, config.expectPing);
    const timeoutMs = durationOr(config.timeout, DEFAULT_TIMEOUT_MS);
    const pinged = await inbox.nextPing({ timeoutMs, signal: ctx.signal });
    return {
      checks: [
        {
          kind: "ping",
          outcome: pinged ? "passed" : "failed",
          title: `${inbox.name} receives a Ping within ${timeoutMs} ms`,
          expected: "a Ping message (type 6)",
          actual: pinged ? "a Ping message" : inbox.client.closed ? "the connection closed" : "no Ping",
          position: ctx.step.locate(["expectPing"]),
        },
      ],
    };
  },
});
