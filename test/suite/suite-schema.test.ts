// spec/suite.schema.json is the schema built from the step registry.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { stepKinds, suiteJsonSchema } from "../../src/runner/index.js";

const file = new URL("../../spec/suite.schema.json", import.meta.url);

describe("spec/suite.schema.json", () => {
  it("is the schema the step and matcher registries produce (regenerate it when a step kind changes)", () => {
    // To regenerate: write JSON.stringify(suiteJsonSchema(), null, 2) to spec/suite.schema.json, then biome format.
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(suiteJsonSchema());
  });

  it("has one definition per step kind", () => {
    const schema = suiteJsonSchema() as { $defs: Record<string, unknown> };
    expect(Object.keys(schema.$defs)).toEqual(stepKinds.map((k) => `step-${k.name}`));
  });

  it("accepts a suite that uses every step kind and rejects an unknown key, for editors", () => {
    const validate = new Ajv2020({ strict: false }).compile(suiteJsonSchema());
    const suite = parse(`
name: everything
variables: { hub: chat }
tests:
  - name: all kinds
    tags: [inferred]
    steps:
      - seed: { hubs: { chat: { connections: [c1] } } }
      - connect: alice
        hub: chat
        user: alice
        protocol: messagepack
        transport: longPolling
      - call: SignalR_SendToUser
        params: { hub: chat, user: alice }
        body: { target: hi, arguments: [1] }
        expect: { status: 202, headers: { x-a: true }, error: { code: /x/ }, body: { /a: 1 }, equals: "", contains: a, matches: /b/ }
        capture: { s: status }
        eventually: { within: 5s, interval: 100ms }
      - request: HEAD /api/health
        auth: { claims: { exp: null } }
        retry: { attempts: 2 }
      - expectMessage: alice
        target: hi
        arguments: [1]
      - expectClosed: alice
        reason: null
      - disconnect: alice
      - wait: 10ms
`);
    expect(validate(suite)).toBe(true);
    expect(validate({ name: "x", tests: [{ name: "t", steps: [{ call: "A", colour: 1 }] }] })).toBe(false);
  });
});
