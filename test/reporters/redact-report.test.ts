// redactText and redactReport: secrets scrubbed from report text and structures.
import { describe, expect, it } from "vitest";
import { buildConformanceReport, redactReport, redactText } from "../../src/reporters/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, SAMPLE_ACCESS_KEY, SAMPLE_CONNECTION_STRING, SAMPLE_TOKEN } from "../fixtures/runs/sample-runs.js";

describe("redactText", () => {
  it.each([
    ["a JWT anywhere", `token ${SAMPLE_TOKEN} end`, "token *** end"],
    ["a bearer header value", "Authorization: Bearer opaque-token-123", "Authorization: Bearer ***"],
    ["an opaque Authorization value", "authorization: SharedKey abc", "authorization: ***"],
    [
      "AccessKey= in a connection string",
      SAMPLE_CONNECTION_STRING,
      "Endpoint=https://contoso.service.signalr.net;AccessKey=***;Version=1.0;",
    ],
    [
      "an access_token query value",
      "/client/?hub=chat&access_token=abc.def&x=1",
      "/client/?hub=chat&access_token=***&x=1",
    ],
    ["a JSON accessToken in a body", '{"url":"u","accessToken":"opaque"}', '{"url":"u","accessToken":"***"}'],
    ["a password in a URL", "https://user:hunter2@example.com/x", "https://user:***@example.com/x"],
    [
      "an opaque 40-character Bearer token in prose",
      "retried with Bearer Zm9vYmFyYmF6cXV4-0123456789_abcdefghij.k twice",
      "retried with Bearer *** twice",
    ],
    [
      "a SharedAccessSignature",
      "SharedAccessSignature sr=https%3A%2F%2Fx%2Fhub&sig=Xk3b%2FQ9aT0pLz8w%3D&se=1893456000&skn=primary",
      "SharedAccessSignature ***",
    ],
  ])("removes %s", (_, input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it.each([
    'Bearer error="invalid_token", error_description="The token is expired"',
    "auth › every operation but health answers 401 with a bare Bearer challenge when the token is missing",
  ])("keeps %s", (text) => {
    expect(redactText(text, [SAMPLE_ACCESS_KEY])).toBe(text);
  });

  it("removes a known secret in its raw, percent-encoded and base64url forms", () => {
    const encoded = encodeURIComponent(SAMPLE_ACCESS_KEY);
    const base64url = SAMPLE_ACCESS_KEY.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    const text = `raw ${SAMPLE_ACCESS_KEY} enc ${encoded} url ${base64url}`;
    expect(redactText(text, [SAMPLE_ACCESS_KEY])).toBe("raw *** enc *** url ***");
    expect(redactText(text)).toContain(SAMPLE_ACCESS_KEY);
  });

  it("leaves ordinary text alone and is idempotent", () => {
    const plain = "status is 202; POST /api/hubs/chat/:send?api-version=2022-06-01 (suites/send.yaml:4:5)";
    expect(redactText(plain, [""])).toBe(plain);
    const once = redactText(`Bearer ${SAMPLE_TOKEN} ${SAMPLE_CONNECTION_STRING}`, [SAMPLE_ACCESS_KEY]);
    expect(redactText(once, [SAMPLE_ACCESS_KEY])).toBe(once);
  });
});

describe("redactReport", () => {
  const spec = loadSpec();

  it("blanks credential-named properties and redacts every string, without touching the input", () => {
    const report = buildConformanceReport(failingRun(), spec);
    const before = JSON.stringify(report);
    const redacted = redactReport(report, [SAMPLE_ACCESS_KEY]);
    expect(JSON.stringify(report)).toBe(before);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(SAMPLE_ACCESS_KEY);
    expect(text).not.toContain(SAMPLE_TOKEN);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
    const failed = redacted.tests.find((t) => t.id === "connections › a connected client exists")!.steps[0]!;
    expect(failed.exchange?.request.headers).toEqual({ Authorization: "***" });
    expect(redacted.metadata.target.endpoint).toBe("https://contoso.service.signalr.net?access_token=***");
    expect(redacted.metadata.command).toContain("AccessKey=***");
    // Structure and non-secret data survive.
    expect(redacted.summary).toEqual(report.summary);
    expect(redacted.coverage).toEqual(report.coverage);
  });

  it("redacts secrets inside expected/actual values of any shape", () => {
    const report = buildConformanceReport(failingRun(), spec);
    const check = {
      kind: "body",
      outcome: "failed" as const,
      title: "t",
      actual: { nested: [{ accessToken: "x" }, SAMPLE_ACCESS_KEY] },
    };
    const test = { ...report.tests[0]!, steps: [{ ...report.tests[0]!.steps[0]!, checks: [check] }] };
    const redacted = redactReport({ ...report, tests: [test] }, [SAMPLE_ACCESS_KEY]);
    expect(redacted.tests[0]!.steps[0]!.checks[0]!.actual).toEqual({ nested: [{ accessToken: "***" }, "***"] });
  });
});
