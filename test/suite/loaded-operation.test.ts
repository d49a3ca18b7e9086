// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
// The loader resolves an HTTP step's spec operation once and carries it on the loaded step.
import { describe, expect, it } from "vitest";
import { stepKinds } from "../../src/runner/steps/index.js";
import { loadServedSpec } from "../../src/spec/index.js";
import { loadSuiteText } from "../../src/suite/index.js";
import { loaded, oneTest, spec } from "./load-helpers.js";

function steps(lines: string) {
  return loaded(oneTest(lines)).tests[0]!.steps;
}

describe("loaded steps carry the operation they address", () => {
  it("a call step carries the spec's operation object itself", () => {
    const [call] = steps("- call: SignalR_SendToUser\n  params: { hub: chat, user: alice }\n  body: { target: t }");
    expect(call!.operation).toBe(spec.operation("SignalR_SendToUser"));
  });

  it("a request line without templates is routed at load time, query and method case included", () => {
    const [head, send] = steps(
      "- request: head /api/hubs/chat/users/alice?api-version=2022-06-01\n- request: POST /api/hubs/chat/:send",
    );
    expect(head!.operation?.operationId).toBe("SignalR_CheckUserExistence");
    expect(send!.operation?.operationId).toBe("SignalR_Broadcast");
  });

  it("no operation for a path the spec lacks, a templated line (routed when it runs) or a non-HTTP step", () => {
    const [nowhere, templated, wait] = steps(
      "- request: GET /nowhere\n- request: GET /api/hubs/${run.id}/users/alice\n- wait: 1ms",
    );
    expect(nowhere!.operation).toBeUndefined();
    expect(templated!.operation).toBeUndefined();
    expect(wait!).not.toHaveProperty("operation");
  });

  it("resolves against the spec the suite is loaded with (a 2024-12-01 operation from the union)", () => {
    const union = loadServedSpec();
    const text = oneTest("- call: HubProxyV20241201_ListConnectionsInGroup\n  params: { hub: chat, group: g }");
    const result = loadSuiteText("suite.yaml", text, { steps: stepKinds, spec: union, env: {} });
    expect(result.suite!.tests[0]!.steps[0]!.operation).toBe(
      union.operation("HubProxyV20241201_ListConnectionsInGroup"),
    );
    // The 2022-06-01 document does not have it: a load error, not a step without an operation.
    expect(loadSuiteText("suite.yaml", text, { steps: stepKinds, spec, env: {} }).suite).toBeUndefined();
  });
});
