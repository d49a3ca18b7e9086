// `wait: 500ms`: pauses the test (for eventually consistent live services; prefer `eventually` on a call).
import { COMMON_STEP_PROPERTIES, DURATION_SCHEMA, durationOr } from "../../suite/index.js";
import { sleep } from "../sleep.js";
import { defineStepKind } from "../step-kind.js";

export const waitStep = defineStepKind<{ wait: string | number }>({
  name: "wait",
  description: "Pause for a duration.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["wait"],
    properties: { ...COMMON_STEP_PROPERTIES, wait: DURATION_SCHEMA },
  },
  title: (raw) => `wait ${raw.wait}`,
  run: async (config, ctx) => {
    await sleep(durationOr(config.wait, 0), ctx.signal);
    return { checks: [] };
  },
});
