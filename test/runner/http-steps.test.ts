// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
import { describe, expect, it } from "vitest";
import { FakeTarget } from "./fake-target.js";
import { failures, onlyTest, runYaml, testYaml } from "./run-helpers.js";

describe("call step", () => {
  it("builds the URL from the spec: encoded path params, api-version first, repeated list values", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 202 }) });
    const result = await runYaml(
      testYaml(`- call: SignalR_GroupBroadcast
  params: { hub: chat, group: "a b/ü?#" }
  query: { application: "App", excluded: [c1, "c 2"] }
  body: { target: newMessage, arguments: [hi] }
  expect: { status: 202 }`),
      { target },
    );
    expect(onlyTest(result).outcome).toBe("passed");
    const [request] = target.requests;
    expect(request).toMatchObject({
      method: "POST",
      pathAndQuery:
        "/api/hubs/chat/groups/a%20b%2F%C3%BC%3F%23/:send?api-version=2022-06-01&application=App&excluded=c1&excluded=c%202",
      headers: { "content-type": "application/json" },
      body: '{"target":"newMessage","arguments":["hi"]}',
      auth: "valid",
    });
    const step = onlyTest(result).steps[0]!;
    expect(step).toMatchObject({ http: { operationId: "SignalR_GroupBroadcast", status: 202 } });
    expect(step.checks.map((c) => [c.kind, c.outcome])).toEqual([
      ["status", "passed"],
      ["schema", "passed"],
    ]);
  });

  it("lets the suite override or drop api-version, set headers and pick the token", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 200 }) });
    await runYaml(
      testYaml(`- call: SignalR_CheckUserExistence
  params: { hub: chat, user: alice }
  query: { api-version: "2021-01-01" }
  auth: expired
- call: SignalR_CheckUserExistence
  params: { hub: chat, user: alice }
  query: { api-version: null, application: app }
  headers: { x-test: "1" }
  auth: { claims: { aud: "https://elsewhere/x" } }`),
      { target },
    );
    expect(target.requests.map((r) => [r.method, r.pathAndQuery, r.auth, r.headers])).toEqual([
      ["HEAD", "/api/hubs/chat/users/alice?api-version=2021-01-01", "expired", {}],
      [
        "HEAD",
        "/api/hubs/chat/users/alice?application=app",
        { claims: { aud: "https://elsewhere/x" } },
        { "x-test": "1" },
      ],
    ]);
  });

  it("checks every response against the spec: an undocumented status fails the schema check", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 500, body: "boom" }) });
    const result = await runYaml(testYaml("- call: HealthApi_GetServiceStatus"), { target });
    const test = onlyTest(result);
    expect(test.outcome).toBe("failed");
    expect(test.steps[0]!.schemaViolations).toEqual([
      "status 500 is not documented for HealthApi_GetServiceStatus (documented: 200, 400)",
    ]);
  });

  it("reports a wrong expectation with expected and actual and the position where it was written", async () => {
    const target = new FakeTarget({
      handle: () => ({
        status: 404,
        headers: { "x-ms-error-code": "Warning.Connection.NotExisted", "content-type": "application/json" },
        body: {
          code: "Warning.Connection.NotExisted",
          message: "The connection does not exist.",
          target: "connectionId",
        },
      }),
    });
    const result = await runYaml(
      testYaml(`- call: SignalR_CloseConnection
  params: { hub: chat, connectionId: c1 }
  expect:
    status: 200
    error: { code: Warning.Connection.NotExisted, message: /does not exist/, target: connection }`),
      { target },
    );
    const step = onlyTest(result).steps[0]!;
    expect(step.outcome).toBe("failed");
    expect(failures(onlyTest(result))).toEqual([
      "status: status is 200 (200 → 404)",
      'error.target: error target is connection ("connection" → "connectionId")',
    ]);
    expect(step.checks.find((c) => c.kind === "status")?.position).toEqual({ file: "suite.yaml", line: 8, column: 19 });
    expect(step.outcome === "failed" && step.failure).toBe(
      "status is 200: expected 200, got 404; error target is connection: expected connection, got connectionId",
    );
  });
});

describe("request step", () => {
  it("sends the path as written, appends query, and only sets content-type for JSON bodies", async () => {
    const target = new FakeTarget({
      handle: () => ({ status: 415, headers: { "x-ms-error-code": "E" }, body: { code: "E" } }),
    });
    await runYaml(
      testYaml(`- request: POST /api/hubs/chat/%3Asend?api-version=2022-06-01
  query: { excluded: [a, b] }
  headers: { content-type: text/plain }
  body: hello
  auth: none
- request: post /api/hubs/chat/:send
  body: { target: x }`),
      { target },
    );
    expect(target.requests.map((r) => [r.method, r.pathAndQuery, r.headers, r.body, r.auth])).toEqual([
      [
        "POST",
        "/api/hubs/chat/%3Asend?api-version=2022-06-01&excluded=a&excluded=b",
        { "content-type": "text/plain" },
        "hello",
        "none",
      ],
      ["POST", "/api/hubs/chat/:send", { "content-type": "application/json" }, '{"target":"x"}', "valid"],
    ]);
  });

  it("routes the request through the spec for the schema check, and skips it for unknown paths", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 404 }) });
    const routedRun = await runYaml(
      testYaml(`- request: HEAD /api/hubs/chat/users/alice?api-version=2022-06-01
  expect:
    status: 404
    headers: { x-ms-error-code: false }`),
      { target },
    );
    const unknownRun = await runYaml(testYaml("- request: GET /nowhere\n  expect: { status: 404 }"), { target });
    const routed = onlyTest(routedRun).steps[0];
    const unknown = onlyTest(unknownRun).steps[0];
    expect(onlyTest(unknownRun).outcome).toBe("passed");
    expect(routed).toMatchObject({
      http: { operationId: "SignalR_CheckUserExistence", status: 404 },
      schemaViolations: ["header x-ms-error-code is missing"],
    });
    expect(unknown!.http).toEqual({ status: 404 });
    expect(unknown!.checks.map((c) => c.kind)).toEqual(["status"]);
  });
});

describe("captures", () => {
  it("keeps status, headers and body values for later steps", async () => {
    const target = new FakeTarget({
      handle: (req) =>
        req.pathAndQuery.startsWith("/first")
          ? { status: 201, headers: { "x-id": "abc" }, body: { items: [{ id: 7 }], name: "n" } }
          : { status: 200 },
    });
    const result = await runYaml(
      testYaml(`- request: GET /first
  capture: { s: status, h: header.X-Id, whole: body, id: body.items.0.id }
- request: "GET /second/\${s}/\${h}/\${id}?b=\${whole}"`),
      { target },
    );
    expect(onlyTest(result).outcome).toBe("passed");
    expect(target.requests[1]!.pathAndQuery).toBe('/second/201/abc/7?b={"items":[{"id":7}],"name":"n"}');
  });

  it("fails the step when a captured value is missing", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 200, body: "not json" }) });
    const result = await runYaml(testYaml("- request: GET /x\n  capture: { id: body.id, h: header.x-nope }"), {
      target,
    });
    expect(failures(onlyTest(result))).toEqual([
      'capture: capture id from body.id ("a value at body.id" → "(missing)")',
      'capture: capture h from header.x-nope ("a value at header.x-nope" → "(missing)")',
    ]);
  });
});

describe("retry and eventually", () => {
  it("repeats until the checks pass and says how many attempts it took", async () => {
    let calls = 0;
    const target = new FakeTarget({ handle: () => ({ status: ++calls < 3 ? 404 : 200 }) });
    const result = await runYaml(
      testYaml("- request: GET /x\n  retry: { attempts: 5, interval: 1ms }\n  expect: { status: 200 }"),
      { target },
    );
    const step = onlyTest(result).steps[0]!;
    expect(step.outcome).toBe("passed");
    expect(step.title).toBe("request GET /x (3 attempts)");
    expect(calls).toBe(3);
  });

  it("reports the last attempt when the attempts run out", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 404 }) });
    const result = await runYaml(
      testYaml("- request: GET /x\n  retry: { attempts: 2, interval: 1ms }\n  expect: { status: 200 }"),
      { target },
    );
    expect(onlyTest(result).outcome).toBe("failed");
    expect(target.requests).toHaveLength(2);
  });

  it("eventually retries errors too, until the deadline", async () => {
    let calls = 0;
    const target = new FakeTarget({
      handle: () => {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        return { status: calls < 3 ? 503 : 200 };
      },
    });
    const result = await runYaml(
      testYaml("- request: GET /x\n  eventually: { within: 5s, interval: 1ms }\n  expect: { status: 200 }"),
      { target },
    );
    expect(onlyTest(result).outcome).toBe("passed");
    expect(calls).toBe(3);
  });
});

describe("step errors", () => {
  it("records a network failure as an errored step with a title and a hint", async () => {
    const target = new FakeTarget({
      handle: () => {
        throw Object.assign(new Error("fetch failed"), {
          cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
        });
      },
    });
    const test = onlyTest(await runYaml(testYaml("- request: GET /x\n- wait: 1ms"), { target }));
    expect(test.outcome).toBe("errored");
    expect(test.steps).toHaveLength(1);
    expect(test.steps[0]).toMatchObject({
      outcome: "errored",
      error: { title: "Connection refused", message: "fetch failed", hint: expect.stringContaining("running") },
    });
  });

  it("records a variable that is missing at run time as an errored step", async () => {
    const result = await runYaml(testYaml('- request: "GET /${env.HUBKIT_RUNTIME_ONLY}"'), {
      loadEnv: { HUBKIT_RUNTIME_ONLY: "x" },
      env: {},
    });
    expect(onlyTest(result).steps[0]).toMatchObject({
      outcome: "errored",
      error: { title: "Unknown variable", message: "${env.HUBKIT_RUNTIME_ONLY} is not defined" },
    });
  });

  it("ends a test that runs past its time limit", async () => {
    const test = onlyTest(await runYaml(testYaml("- wait: 10s"), { timeoutMs: 50 }));
    expect(test.outcome).toBe("errored");
    expect(test.steps[0]).toMatchObject({ outcome: "errored", error: { title: "Test timed out" } });
  });
});
