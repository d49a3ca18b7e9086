// The fault examples that assert hubkit's inferred answers (examples/faults/*.yaml) pass against the mock target, so
// the `inferred` tags there pin what docs/fidelity.md says.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMockTargetFactory } from "../../src/targets/index.js";
import { failures, runYaml } from "./run-helpers.js";

const targets = createMockTargetFactory();

describe.each(["quota-answers.yaml", "stateful-reconnect.yaml"])("examples/faults/%s", (file) => {
  it("passes against the mock, every test tagged faults", async () => {
    const text = readFileSync(new URL(`../../examples/faults/${file}`, import.meta.url), "utf8");
    const result = await runYaml(text, { targets, timeoutMs: 20_000 });
    for (const test of result.tests)
      expect({ id: test.id, failures: failures(test) }).toEqual({ id: test.id, failures: [] });
    expect(result.summary.passed).toBe(result.summary.total);
    expect(result.tests.every((t) => t.tags.includes("faults"))).toBe(true);
  });
});
