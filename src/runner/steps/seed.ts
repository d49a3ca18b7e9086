// `seed: <fixture>`: applies a state fixture (inline, or a YAML/JSON file next to the suite). Mock target only.
import { resolve } from "node:path";
import { HubkitError, HubkitErrorList } from "../../errors.js";
import { COMMON_STEP_PROPERTIES } from "../../suite/index.js";
import { type Fixture, loadFixtureFile, validateFixture } from "../../targets/fixture.js";
import { defineStepKind, skipStep } from "../step-kind.js";

interface SeedConfig {
  /** Checked at load time, except a templated one (`${run.id}` in names), which the target checks when seeding. */
  seed: Fixture;
  /** Where the fixture came from, when it was a file. */
  seedFile?: string;
}

export const seedStep = defineStepKind<SeedConfig>({
  name: "seed",
  description: "Apply a state fixture to the mock (inline mapping, or a file path relative to the suite).",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["seed"],
    properties: {
      ...COMMON_STEP_PROPERTIES,
      seed: {
        anyOf: [{ type: "object" }, { type: "string", minLength: 1 }],
        "x-expected": "a fixture mapping (hubs: ...) or the path of a fixture file",
        description: "The mock's state fixture (see mocks/); on a live target the test is skipped.",
      },
    },
  },
  title: (raw) => (typeof raw.seed === "string" ? `seed ${raw.seed}` : "seed state"),
  prepare: (raw, ctx) => {
    if (typeof raw.seed !== "string") {
      // Templated fixtures (`${run.id}` in names) are checked by the mock when the step runs.
      if (!JSON.stringify(raw.seed).includes("${")) {
        for (const problem of validateFixture(raw.seed, ctx.spec)) {
          ctx.report(["seed", ...problem.path], `Fixture: ${problem.message}`, {
            code: "E_SUITE_FIXTURE",
            key: problem.at === "key",
            ...(problem.hint ? { hint: problem.hint } : {}),
          });
        }
      }
      return { ...raw };
    }
    try {
      return { ...raw, seed: loadFixtureFile(resolve(ctx.baseDir, raw.seed), ctx.spec), seedFile: raw.seed };
    } catch (error) {
      if (!(error instanceof HubkitError)) throw error;
      // Problems inside the file carry their own positions; an unreadable file points at the `seed:` value.
      if (error instanceof HubkitErrorList || error.position) ctx.reportError(error);
      else ctx.report(["seed"], error.message, { code: error.code, ...(error.hint ? { hint: error.hint } : {}) });
      return { ...raw };
    }
  },
  run: async (config, ctx) => {
    if (!ctx.target.seed) {
      return skipStep(
        `state fixtures can only be applied to the mock target (this run targets a ${ctx.target.kind} service)`,
      );
    }
    await ctx.target.seed(config.seed);
    return { checks: [] };
  },
});
