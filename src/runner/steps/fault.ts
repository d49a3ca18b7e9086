// `fault: <rule | [rules] | clear>`: arms fault rules on the mock for the rest of the test (docs/faults.md).
import { COMMON_STEP_PROPERTIES } from "../../suite/index.js";
import { checkFaultRules } from "../../targets/fault-rules.js";
import { defineStepKind, skipStep } from "../step-kind.js";

interface FaultConfig {
  fault: Record<string, unknown> | Array<Record<string, unknown>> | "clear";
}

export const faultStep = defineStepKind<FaultConfig>({
  name: "fault",
  description:
    "Arm fault rules on the mock (failing calls, latency, dropped clients) until the test ends; `clear` disarms them.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["fault"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      fault: {
        anyOf: [{ type: "object" }, { type: "array", items: { type: "object" }, minItems: 1 }, { const: "clear" }],
        "x-expected": "a fault rule (match: ..., status: 503, ...), a list of rules, or clear",
        description: "Fault rules as in a state file's `faults:` list (docs/faults.md); mock target only.",
      },
    },
  },
  title: (raw) => (raw.fault === "clear" ? "clear faults" : `fault ${describe(raw.fault)}`),
  validate: (raw, ctx) => {
    if (raw.fault === "clear" || JSON.stringify(raw.fault).includes("${")) return;
    const list = Array.isArray(raw.fault) ? raw.fault : [raw.fault];
    for (const p of checkFaultRules(list, ctx.spec)) {
      // A single rule is written without the list index.
      const path = Array.isArray(raw.fault) ? p.path : p.path.slice(1);
      ctx.report(["fault", ...path], `Fault rule: ${p.message}`, {
        code: "E_SUITE_FAULT",
        key: p.at === "key",
        ...(p.hint ? { hint: p.hint } : {}),
      });
    }
  },
  run: async (config, ctx) => {
    const control = ctx.target.faults;
    if (!control) {
      return skipStep(`faults can only be injected by the mock target (this run targets a ${ctx.target.kind} service)`);
    }
    if (config.fault === "clear") {
      await control.clear();
      return { checks: [] };
    }
    const { warnings } = await control.add(Array.isArray(config.fault) ? config.fault : [config.fault]);
    return warnings.length > 0 ? { checks: [], note: `warning: ${warnings.join("; ")}` } : { checks: [] };
  },
});

function describe(fault: unknown): string {
  const rules = Array.isArray(fault) ? fault : [fault];
  return rules
    .map((r) => {
      const rule = (r ?? {}) as Record<string, unknown>;
      const match = (rule.match ?? {}) as Record<string, unknown>;
      const effect = Object.keys(rule).find((k) => k !== "match" && k !== "id") ?? "?";
      const on = Object.values(match).join(" ") || "every call";
      return `${effect}${rule[effect] === true ? "" : ` ${JSON.stringify(rule[effect])}`} on ${on}`;
    })
    .join(", ");
}
