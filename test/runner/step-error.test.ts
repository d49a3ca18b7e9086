// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
import { describe, expect, it } from "vitest";
import { HubkitError, HubkitErrorList } from "../../src/errors.js";
import { describeStepError, StepRunError, TestTimeoutError } from "../../src/runner/step-error.js";
import { UnknownVariableError } from "../../src/suite/index.js";

describe("describeStepError", () => {
  it("keeps the title and hint of errors steps describe themselves", () => {
    expect(
      describeStepError(new StepRunError("Client not connected", "No client named a.", "Connect it first.")),
    ).toEqual({
      title: "Client not connected",
      message: "No client named a.",
      hint: "Connect it first.",
    });
  });

  it("names timeouts, unknown variables and usage errors (e.g. an invalid templated fixture)", () => {
    expect(describeStepError(new TestTimeoutError(100))).toMatchObject({
      title: "Test timed out",
      hint: expect.any(String),
    });
    expect(describeStepError(new UnknownVariableError("x"))).toMatchObject({
      title: "Unknown variable",
      message: "${x} is not defined",
    });
    const list = new HubkitErrorList(
      [new HubkitError("hubs.chat: bad", { code: "E_FIXTURE_INVALID", hint: "fix it" })],
      "1 problem(s) in the fixture",
    );
    expect(describeStepError(list)).toEqual({
      title: "1 problem(s) in the fixture",
      message: "hubs.chat: bad [E_FIXTURE_INVALID]\n    hint: fix it",
    });
  });

  it("recognises network failures by their code, also when wrapped as a cause", () => {
    const wrapped = new TypeError("fetch failed", {
      cause: Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }),
    });
    expect(describeStepError(wrapped)).toMatchObject({ title: "Host not found", message: "fetch failed" });
    expect(describeStepError(new RangeError("odd"))).toEqual({ title: "RangeError", message: "odd" });
    expect(describeStepError("text")).toEqual({ title: "Error", message: "text" });
  });
});
