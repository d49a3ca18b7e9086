// Reading Prism's sl-violations header and judging each proxied exchange.
import { describe, expect, it } from "vitest";
import { judgeRecord, type ProxyRecord, recordToTest } from "../../src/prism/proxy-record.js";
import { isError, parseViolations, prismFailure } from "../../src/prism/violations.js";
import { loadSpec } from "../../src/spec/index.js";

const spec = loadSpec();

describe("parseViolations", () => {
  it("reads Prism's sl-violations header into request and response violations", () => {
    const header = JSON.stringify([
      { location: ["request", "path", "hub"], severity: "Error", code: "pattern", message: "hub must match" },
      { location: ["response", "body"], severity: "Error", code: "type", message: "must be object" },
      { location: ["request"], severity: "Warning", message: "Selected route not found" },
    ]);
    const violations = parseViolations(header);
    expect(violations).toEqual([
      { side: "request", location: "request.path.hub", severity: "Error", code: "pattern", message: "hub must match" },
      { side: "response", location: "response.body", severity: "Error", code: "type", message: "must be object" },
      { side: "request", location: "request", severity: "Warning", message: "Selected route not found" },
    ]);
    expect(violations.map(isError)).toEqual([true, true, false]);
    expect(parseViolations(undefined)).toEqual([]);
  });

  it("keeps an unreadable header as a violation rather than dropping it", () => {
    expect(parseViolations("not json")).toEqual([
      { side: "response", location: "sl-violations", severity: "Error", message: "unreadable: not json" },
    ]);
  });
});

describe("prismFailure", () => {
  it("recognises Prism's own 500 problem documents, not the upstream's answers", () => {
    const fetchError = JSON.stringify({ type: "FetchError", title: "request to upstream failed", status: 500 });
    expect(prismFailure(500, "application/problem+json", fetchError)).toBe("request to upstream failed");
    const prismError = JSON.stringify({ type: "https://stoplight.io/prism/errors#VIOLATIONS", detail: "bad" });
    expect(prismFailure(500, "application/problem+json", prismError)).toBe("bad");
    expect(prismFailure(500, "application/json", fetchError)).toBeUndefined();
    expect(prismFailure(502, "application/problem+json", fetchError)).toBeUndefined();
    expect(
      prismFailure(500, "application/problem+json", JSON.stringify({ type: "https://example.com/x" })),
    ).toBeUndefined();
    expect(prismFailure(500, "application/problem+json", "{oops")).toBeUndefined();
  });
});

describe("judgeRecord", () => {
  const record = (overrides: Partial<ProxyRecord>): ProxyRecord => ({
    index: 1,
    method: "POST",
    url: "/api/hubs/chat/:send?api-version=2022-06-01",
    status: 202,
    operationId: "SignalR_Broadcast",
    violations: [],
    exchange: { request: { method: "POST", url: "/x", headers: {} }, durationMs: 3 },
    ...overrides,
  });
  const requestViolation = parseViolations(
    JSON.stringify([{ location: ["request", "path", "hub"], severity: "Error", message: "hub must match" }]),
  );

  it("passes a documented status with no violations", () => {
    expect(judgeRecord(record({}), spec)).toEqual([
      expect.objectContaining({
        kind: "status",
        outcome: "passed",
        title: "status 202 is documented for SignalR_Broadcast",
      }),
    ]);
    expect(recordToTest(record({}), spec)).toMatchObject({
      outcome: "passed",
      suite: "proxy",
      steps: [{ http: { status: 202, operationId: "SignalR_Broadcast" } }],
    });
  });

  it("passes an invalid request the upstream rejected, and fails one it accepted", () => {
    const rejected = judgeRecord(record({ status: 400, violations: requestViolation }), spec);
    expect(rejected[0]).toMatchObject({ kind: "request-violation", outcome: "passed" });
    expect(rejected[0]!.title).toContain("(the upstream rejected it with 400)");
    const accepted = judgeRecord(record({ violations: requestViolation }), spec);
    expect(accepted[0]).toMatchObject({ kind: "request-violation", outcome: "failed" });
    expect(recordToTest(record({ violations: requestViolation }), spec).outcome).toBe("failed");
  });

  it("fails response violations and statuses the operation does not document", () => {
    const response = parseViolations(
      JSON.stringify([{ location: ["response", "body"], severity: "Error", message: "x" }]),
    );
    const test = recordToTest(record({ status: 200, violations: response }), spec);
    expect(test.outcome).toBe("failed");
    expect(test.steps[0]).toMatchObject({
      outcome: "failed",
      schemaViolations: ["x"],
      failure:
        "response violation response.body: x; status 200 is not one SignalR_Broadcast returns (202, 400, 401, 413, 415)",
    });
  });

  it("reports an exchange Prism could not proxy as errored", () => {
    const test = recordToTest(record({ status: 500, prismError: "upstream down" }), spec);
    expect(test).toMatchObject({ outcome: "errored", steps: [{ error: { message: "upstream down" } }] });
  });
});
