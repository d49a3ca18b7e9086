// The suite file's JSON Schema: the structure the loader checks first, and the full schema published for editors.
import { DURATION_SCHEMA } from "./duration.js";
import type { StepDefinition } from "./step-definition.js";
import type { JsonSchema } from "./types.js";

const TARGETS = { type: "array", items: { enum: ["mock", "live"] }, minItems: 1, uniqueItems: true };
const TAGS = { type: "array", items: { type: "string", pattern: "^[A-Za-z0-9_.:-]+$" }, uniqueItems: true };

function testSchema(steps: JsonSchema): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: ["name", "steps"],
    properties: {
      name: { type: "string", minLength: 1, description: "Unique within the suite; reports identify the test by it." },
      description: { type: "string" },
      tags: { ...TAGS, description: "Labels for --tag/--skip-tag, e.g. `inferred` for [INFER] behaviour." },
      skip: { type: "string", minLength: 1, description: "Skip the test; the text is the reason shown in reports." },
      targets: { ...TARGETS, description: "Run only on these targets; others report the test as skipped." },
      timeout: { ...DURATION_SCHEMA, description: "Time limit for the whole test (default: --timeout)." },
      steps: {
        type: "array",
        minItems: 1,
        items: steps,
        description: "Run in order; the first failure ends the test.",
      },
    },
  };
}

function suiteSchema(steps: JsonSchema): JsonSchema {
  return {
    type: "object",
    additionalProperties: false,
    required: ["name", "tests"],
    properties: {
      name: { type: "string", minLength: 1, description: "The suite's name, shown before each test's name." },
      description: { type: "string" },
      tags: { ...TAGS, description: "Tags every test of the suite gets." },
      apiVersion: {
        type: "string",
        pattern: "^\\d{4}-\\d{2}-\\d{2}$",
        description:
          "The API version the suite targets, e.g. 2024-12-01: its `call` steps send it as api-version (unless they set one).",
      },
      variables: {
        type: "object",
        description: `Values for \${name} templates; a variable may use \${env.NAME}, \${secret.NAME}, \${run.id} and earlier variables.`,
      },
      secrets: {
        type: "array",
        items: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
        uniqueItems: true,
        description: `Environment variables whose values are secret: redacted (***) in the console and every report, like keys and tokens. \${secret.NAME} reads one and marks it secret too.`,
      },
      tests: { type: "array", minItems: 1, items: testSchema(steps) },
    },
  };
}

/** What the loader validates before looking at individual steps (each step is then checked against its kind). */
export function buildStructureSchema(): JsonSchema {
  return suiteSchema({ type: "object", "x-expected": "a mapping with one step kind key (call, request, ...)" });
}

/** The complete schema (`spec/suite.schema.json`): every step kind spelled out, for editors and docs. */
export function buildSuiteSchema(definitions: readonly StepDefinition[]): JsonSchema {
  const defs = Object.fromEntries(definitions.map((d) => [`step-${d.name}`, d.schema]));
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://hubkit.dev/schemas/suite.schema.json",
    title: "hubkit suite",
    description:
      "A hubkit conformance suite: tests made of steps (call, request, connect, expectMessage, ...) run against the mock or a live Azure SignalR resource.",
    ...suiteSchema({ anyOf: definitions.map((d) => ({ $ref: `#/$defs/step-${d.name}` })) }),
    $defs: defs,
  };
}
