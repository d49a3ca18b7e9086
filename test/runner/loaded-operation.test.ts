// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
// HTTP steps use the operation the loader resolved; templated request lines are routed when they run.
import { describe, expect, it } from "vitest";
import { runSuites } from "../../src/runner/index.js";
import type { LoadedSuite } from "../../src/suite/index.js";
import { FakeTarget, factoryOf } from "./fake-target.js";
import { onlyTest, runYaml, spec, suiteOf, testYaml } from "./run-helpers.js";

function run(suite: LoadedSuite, target: FakeTarget) {
  return runSuites({
    suites: [suite],
    targets: factoryOf(target),
    spec,
    runId: "rtest",
    env: {},
    defaults: { messageTimeoutMs: 300, quietWindowMs: 50 },
  });
}

describe("the operation carried on the loaded step", () => {
  it("a call step sends to the path of the operation resolved at load and reports it as its http hit", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 404 }) });
    const suite = suiteOf(testYaml("- call: SignalR_CheckUserExistence\n  params: { hub: chat, user: bob }"));
    const step = suite.tests[0]!.steps[0]!;
    expect(step.operation).toBe(spec.operation("SignalR_CheckUserExistence"));
    const test = onlyTest(await run(suite, target));
    expect(target.requests[0]).toMatchObject({ method: "HEAD" });
    expect(target.requests[0]!.pathAndQuery).toMatch(/^\/api\/hubs\/chat\/users\/bob\?api-version=2022-06-01/);
    expect(test.steps[0]!.http).toEqual({ status: 404, operationId: "SignalR_CheckUserExistence" });
  });

  it("a call step that did not come through the loader errors with a clear message instead of guessing", async () => {
    const suite = suiteOf(testYaml("- call: HealthApi_GetServiceStatus"));
    const test = suite.tests[0]!;
    const { operation: _dropped, ...step } = test.steps[0]!;
    const stripped: LoadedSuite = { ...suite, tests: [{ ...test, steps: [step] }] };
    const target = new FakeTarget({ handle: () => ({ status: 200 }) });
    const result = onlyTest(await run(stripped, target));
    expect(result.outcome).toBe("errored");
    expect(result.steps[0]).toMatchObject({
      outcome: "errored",
      error: { title: "Unresolved operation", message: "call HealthApi_GetServiceStatus was not loaded from a suite" },
    });
    expect(target.requests).toEqual([]);
  });

  it("a templated request line has no operation at load and is routed through the spec when it runs", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 200 }) });
    const suite = suiteOf(
      testYaml("- request: HEAD /api/hubs/${hub}/users/alice?api-version=2022-06-01", "variables:\n  hub: chat\n"),
    );
    expect(suite.tests[0]!.steps[0]!.operation).toBeUndefined();
    const test = onlyTest(await run(suite, target));
    expect(test.steps[0]!.http).toEqual({ status: 200, operationId: "SignalR_CheckUserExistence" });
  });

  it("a request to a path the spec lacks has a status but no operation", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 404 }) });
    const result = await runYaml(testYaml("- request: GET /elsewhere"), { target });
    expect(onlyTest(result).steps[0]!.http).toEqual({ status: 404 });
  });
});
