// The check registry: matchers and the automatic response-schema check.
import { describe, expect, it } from "vitest";
import { checkResponseSchema, checks, createResponseView } from "../../src/runner/checks/index.js";
import type { CheckResult } from "../../src/runner/index.js";
import { loadSpec } from "../../src/spec/index.js";

const spec = loadSpec();
const at = () => ({ file: "s.yaml", line: 1, column: 1 });

function run(
  name: string,
  expected: unknown,
  response: { status?: number; headers?: Record<string, string>; body?: string },
) {
  const check = checks.find((c) => c.name === name)!;
  const view = createResponseView({
    status: response.status ?? 200,
    headers: response.headers ?? {},
    body: response.body ?? "",
  });
  return check.run({ expected, response: view, at });
}

const outcomes = (results: CheckResult[]) => results.map((r) => r.outcome);

describe("matchers", () => {
  it("status: one status or a list", () => {
    expect(outcomes(run("status", 202, { status: 202 }))).toEqual(["passed"]);
    expect(run("status", 202, { status: 400 })[0]).toMatchObject({ outcome: "failed", expected: 202, actual: 400 });
    expect(run("status", [200, 204], { status: 204 })[0]).toMatchObject({
      outcome: "passed",
      title: "status is one of 200, 204",
    });
  });

  it("headers: value, /regex/, presence and absence, names ignoring case", () => {
    const headers = {
      "x-ms-error-code": "Warning.Connection.NotExisted",
      "www-authenticate": 'Bearer error="invalid_token"',
    };
    const results = run(
      "headers",
      {
        "X-MS-Error-Code": "Warning.Connection.NotExisted",
        "WWW-Authenticate": "/invalid_token/",
        "x-absent": false,
        "x-ms-error-code ": true,
      },
      { headers },
    );
    expect(outcomes(results)).toEqual(["passed", "passed", "passed", "failed"]);
    expect(run("headers", { "x-ms-error-code": "Other" }, { headers })[0]).toMatchObject({
      outcome: "failed",
      expected: "Other",
      actual: "Warning.Connection.NotExisted",
    });
    expect(run("headers", { "x-nope": "v" }, { headers })[0]).toMatchObject({ outcome: "failed", actual: "absent" });
  });

  it("error: code, message (text or /regex/) and target of the ErrorDetail body", () => {
    const body = JSON.stringify({ code: "Error.Request.Invalid", message: "Invalid hub name.", target: "hub" });
    const results = run(
      "error",
      { code: "Error.Request.Invalid", message: "/invalid hub/i", target: "group" },
      { status: 400, body },
    );
    expect(results.map((r) => [r.kind, r.outcome, r.actual])).toEqual([
      ["error.code", "passed", "Error.Request.Invalid"],
      ["error.message", "passed", "Invalid hub name."],
      ["error.target", "failed", "hub"],
    ]);
    expect(run("error", { code: "X" }, { body: "" })[0]).toMatchObject({ outcome: "failed", actual: { body: "" } });
    expect(run("error", { target: "hub" }, { body: '{"code":"X"}' })[0]).toMatchObject({
      outcome: "failed",
      actual: "(missing)",
    });
  });

  it("body: JSON pointers to exact values or /regex/ strings", () => {
    const body = JSON.stringify({ code: "A", details: [{ code: "B" }], n: null, "a/b": 1 });
    const results = run(
      "body",
      { "/code": "A", "/details/0/code": "/^B$/", "/n": null, "/a~1b": 1, "/missing": null, "": { code: "A" } },
      { body },
    );
    expect(results.map((r) => [r.title, r.outcome])).toEqual([
      ['body /code is "A"', "passed"],
      ['body /details/0/code is "/^B$/"', "passed"],
      ["body /n is null", "passed"],
      ["body /a~1b is 1", "passed"],
      ["body /missing is null", "failed"],
      ['body (root) is {"code":"A"}', "failed"],
    ]);
    expect(results[4]!.actual).toBe("(missing)");
    expect(run("body", { "/x": 1 }, { body: "text" })[0]).toMatchObject({
      outcome: "failed",
      actual: { body: "text" },
    });
  });

  it("equals: JSON structurally, text exactly, empty body as ''", () => {
    expect(outcomes(run("equals", { a: [1, "/x+/"] }, { body: '{"a":[1,"xxx"]}' }))).toEqual(["passed"]);
    expect(outcomes(run("equals", { a: [1] }, { body: '{"a":[1],"b":2}' }))).toEqual(["failed"]);
    expect(outcomes(run("equals", "", { body: "" }))).toEqual(["passed"]);
    expect(outcomes(run("equals", "plain", { body: "plain" }))).toEqual(["passed"]);
  });

  it("contains: a substring of the text, or a JSON subset", () => {
    expect(outcomes(run("contains", "does not", { body: "The connection does not exist." }))).toEqual(["passed"]);
    expect(
      outcomes(
        run(
          "contains",
          { details: [{ code: "B" }] },
          { body: '{"code":"A","details":[{"code":"C"},{"code":"B","x":1}]}' },
        ),
      ),
    ).toEqual(["passed"]);
    expect(outcomes(run("contains", { code: "Z" }, { body: '{"code":"A"}' }))).toEqual(["failed"]);
    expect(outcomes(run("contains", { code: "A" }, { body: "not json" }))).toEqual(["failed"]);
  });

  it("matches: a regex over the raw body, with or without slashes", () => {
    expect(outcomes(run("matches", '/^\\{"code"/', { body: '{"code":1}' }))).toEqual(["passed"]);
    expect(outcomes(run("matches", "exist\\.$", { body: "does not exist." }))).toEqual(["passed"]);
    expect(run("matches", "/^x/i", { body: "abc" })[0]).toMatchObject({
      outcome: "failed",
      title: "body matches /^x/i",
    });
  });
});

describe("schema check", () => {
  const check = (
    operationId: string,
    method: string,
    response: { status: number; headers?: Record<string, string>; body?: string },
  ) =>
    checkResponseSchema({
      spec,
      operation: spec.operation(operationId)!,
      method,
      response: createResponseView({ headers: {}, body: "", ...response }),
      position: at(),
    });

  it("passes a documented status with an empty body (what the service sends on success)", () => {
    expect(check("SignalR_Broadcast", "POST", { status: 202 })).toMatchObject({
      violations: [],
      check: { outcome: "passed" },
    });
  });

  it("validates the body against the schema and requires the declared headers", () => {
    const result = check("SignalR_CloseConnection", "DELETE", {
      status: 404,
      body: JSON.stringify({ code: 5, details: "x" }),
    });
    expect(result.violations).toEqual([
      "header x-ms-error-code is missing",
      "/code must be string",
      "/details must be array",
    ]);
    expect(result.check).toMatchObject({
      kind: "schema",
      outcome: "failed",
      title: "response matches the spec (SignalR_CloseConnection 404)",
    });
  });

  it("uses the default response for other statuses, and fails statuses the operation does not document", () => {
    const viaDefault = check("SignalR_Broadcast", "POST", {
      status: 503,
      headers: { "x-ms-error-code": "E" },
      body: '{"code":"E","message":"m"}',
    });
    expect(viaDefault.violations).toEqual([]);
    expect(check("SignalR_CheckConnectionExistence", "HEAD", { status: 500 }).violations).toEqual([
      "status 500 is not documented for SignalR_CheckConnectionExistence (documented: 200, 400, 401, 404)",
    ]);
  });

  it("reports a body that is not JSON where the spec expects JSON", () => {
    expect(
      check("SignalR_Broadcast", "POST", { status: 400, headers: { "x-ms-error-code": "E" }, body: "<html>" })
        .violations,
    ).toEqual(["(body) is not JSON"]);
  });
});
