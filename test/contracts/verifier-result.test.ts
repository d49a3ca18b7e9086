// Reading the Pact verifier's result into one verdict per interaction.
import { describe, expect, it } from "vitest";
import { formatVerdict, type InteractionVerdict, verdictToTest } from "../../src/contracts/interaction-verdict.js";
import { parsePact } from "../../src/contracts/pact-file.js";
import { parseDuration, readVerifierResult } from "../../src/contracts/verifier-result.js";

const pact = parsePact(
  JSON.stringify({
    consumer: { name: "c" },
    provider: { name: "p" },
    interactions: ["send", "head", "same", "same"].map((description, i) => ({
      description,
      providerStates: i === 1 ? [{ name: "hub is empty", params: { hub: "chat" } }] : [],
      request: { method: "POST", path: "/api/hubs/chat/:send" },
      response: { status: 202 },
    })),
  }),
  "/tmp/p.json",
);

/** The shape pactffi_verifier_json returns (trimmed). */
const json = JSON.stringify({
  result: false,
  interactionResults: [
    { description: "send", duration: "72ms", result: "OK" },
    { description: "head", duration: "1s 3ms", result: "Error" },
    { description: "same", duration: "1m 2s", result: "Error" },
    { description: "same", duration: "5ms", result: "OK" },
  ],
  errors: [
    {
      interaction: "Verifying a pact between c and p Given hub is empty - head",
      mismatch: {
        type: "mismatches",
        mismatches: [
          { type: "StatusMismatch", expected: 200, actual: 404, mismatch: "expected 200 but was 404" },
          { type: "HeaderMismatch", mismatch: "Expected a header 'x'\n  but was missing" },
        ],
      },
    },
    { interaction: "Verifying a pact between c and p - same", mismatch: { type: "error", message: "Request failed" } },
  ],
});

describe("readVerifierResult", () => {
  it("gives one outcome per interaction in file order, with each mismatch on one line", () => {
    expect(readVerifierResult(json, pact)).toEqual([
      { passed: true, failures: [], durationMs: 72 },
      {
        passed: false,
        failures: ["expected 200 but was 404", "Expected a header 'x' but was missing"],
        durationMs: 1003,
        actualStatus: 404,
      },
      { passed: false, failures: ["Request failed"], durationMs: 62_000 },
      { passed: true, failures: [], durationMs: 5 },
    ]);
  });

  it("fails interactions the verifier did not report, and says so", () => {
    const partial = JSON.stringify({ interactionResults: [{ description: "send", result: "Error" }] });
    const outcomes = readVerifierResult(partial, pact);
    expect(outcomes[0]).toEqual({ passed: false, failures: ["verifier result: Error"], durationMs: 0 });
    expect(outcomes[1]).toEqual({
      passed: false,
      failures: ["the Pact verifier did not run this interaction (it could not read it from the pact file)"],
      durationMs: 0,
    });
  });

  it("reads the verifier's duration format", () => {
    expect(parseDuration("72ms")).toBe(72);
    expect(parseDuration("30s 23ms")).toBe(30_023);
    expect(parseDuration("1m 53ms")).toBe(60_053);
    expect(parseDuration("")).toBe(0);
  });
});

describe("verdicts", () => {
  const verdict = (overrides: Partial<InteractionVerdict>): InteractionVerdict => ({
    pact: { file: "/tmp/p.json", consumer: "c", provider: "p" },
    interaction: pact.interactions[1]!,
    outcome: "passed",
    reasons: [],
    durationMs: 12.4,
    operationId: "SignalR_Broadcast",
    status: 202,
    ...overrides,
  });

  it("print as one line each", () => {
    expect(formatVerdict(verdict({}))).toBe("✓ c › head (12 ms)");
    expect(formatVerdict(verdict({ outcome: "failed", reasons: ["a", "b"] }))).toBe("✗ c › head: a; b");
    expect(formatVerdict(verdict({ outcome: "skipped", reasons: ["why"] }))).toBe("- c › head: skipped: why");
    expect(formatVerdict(verdict({ outcome: "errored", reasons: ["boom"] }))).toBe("! c › head: errored: boom");
  });

  it("become report tests: one step with the operation and status, mismatches as failed checks", () => {
    const failed = verdictToTest(
      verdict({ outcome: "failed", reasons: ["expected 200 but was 404"], status: 404 }),
      "pact",
    );
    expect(failed).toMatchObject({
      id: "c → p › head",
      suite: "c → p",
      name: "head",
      outcome: "failed",
      tags: ["pact"],
      steps: [
        {
          kind: "interaction",
          outcome: "failed",
          failure: "expected 200 but was 404",
          http: { operationId: "SignalR_Broadcast", status: 404 },
          title: 'POST /api/hubs/chat/:send → 202 (given hub is empty {"hub":"chat"})',
          checks: [{ kind: "pact", outcome: "failed", title: "expected 200 but was 404" }],
        },
      ],
    });
    const skipped = verdictToTest(verdict({ outcome: "skipped", reasons: ["live"] }), "pact");
    expect(skipped).toMatchObject({
      outcome: "skipped",
      skipReason: "live",
      steps: [{ outcome: "skipped", reason: "live" }],
    });
    const errored = verdictToTest(verdict({ outcome: "errored", reasons: ["down"] }), "pact");
    expect(errored.steps[0]).toMatchObject({ outcome: "errored", error: { message: "down" } });
    const statics = verdictToTest(verdict({}), "static");
    expect(statics).toMatchObject({
      tags: ["pact-static"],
      steps: [{ kind: "static-check", checks: [{ kind: "static" }] }],
    });
    expect(statics.steps[0]).not.toHaveProperty("status");
    expect(statics.steps[0]).not.toHaveProperty("http");
  });
});
