// The static pact-vs-spec check: each interaction judged against the OpenAPI document alone.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PactInteraction } from "../../src/contracts/pact-file.js";
import { readPactFile } from "../../src/contracts/pact-file.js";
import { checkInteraction, checkPactAgainstSpec, operationOf } from "../../src/contracts/static-check.js";
import { checkStatically } from "../../src/contracts/static-verdicts.js";
import { loadSpec } from "../../src/spec/index.js";

const spec = loadSpec();
const EXAMPLE = new URL("../../contracts/example-notifier.json", import.meta.url).pathname;

function interaction(overrides: {
  method?: string;
  path?: string;
  query?: Record<string, string[]>;
  body?: unknown;
  status?: number;
  responseBody?: unknown;
  states?: PactInteraction["providerStates"];
  type?: string;
}): PactInteraction {
  return {
    description: "case",
    type: overrides.type ?? "Synchronous/HTTP",
    providerStates: overrides.states ?? [],
    request: {
      method: overrides.method ?? "POST",
      path: overrides.path ?? "/api/hubs/chat/:send",
      query: overrides.query ?? { "api-version": ["2022-06-01"] },
      headers: {},
      ...("body" in overrides ? { body: overrides.body } : { body: { target: "t" } }),
    },
    response: {
      status: overrides.status ?? 202,
      headers: {},
      ...(overrides.responseBody === undefined ? {} : { body: overrides.responseBody }),
    },
    position: { file: "x.json", line: 1, column: 1 },
  };
}

/** Back to the pact file form (V3-style body and query). */
function toRaw(i: PactInteraction) {
  return {
    description: i.description,
    request: { method: i.request.method, path: i.request.path, query: i.request.query, body: i.request.body },
    response: { status: i.response.status },
  };
}

const mismatches = (i: PactInteraction) => checkInteraction(i, spec).mismatches;

describe("checkPactAgainstSpec", () => {
  it("finds nothing wrong with the example consumer's pact", () => {
    const results = checkPactAgainstSpec(readPactFile(EXAMPLE), spec);
    expect(results.length).toBeGreaterThan(5);
    expect(results.flatMap((r) => r.mismatches)).toEqual([]);
    expect(results.every((r) => r.operationId)).toBe(true);
  });

  it("accepts a good interaction and names its operation", () => {
    expect(checkInteraction(interaction({}), spec)).toMatchObject({ operationId: "SignalR_Broadcast", mismatches: [] });
    expect(mismatches(interaction({ body: { Target: "t", Arguments: [] } }))).toEqual([]);
  });

  it("reports an unknown path and a method the path does not have", () => {
    expect(mismatches(interaction({ path: "/api/hubs/chat/:sendd" }))).toEqual([
      { kind: "operation", message: "no operation in the spec matches POST /api/hubs/chat/:sendd" },
    ]);
    expect(mismatches(interaction({ method: "PATCH", path: "/api/hubs/chat/users/u1" }))[0]).toEqual({
      kind: "operation",
      message: "/api/hubs/chat/users/u1 has no PATCH operation (the spec allows HEAD, GET)",
    });
  });

  it("reports parameters that break their pattern, a missing or other api-version", () => {
    expect(mismatches(interaction({ path: "/api/hubs/9chat/:send" }))).toEqual([
      { kind: "parameter", message: expect.stringMatching(/^path parameter hub must match \^\[A-Za-z\]/) },
    ]);
    expect(mismatches(interaction({ query: {} }))).toEqual([
      { kind: "parameter", message: "query parameter api-version is required" },
    ]);
    expect(mismatches(interaction({ query: { "api-version": ["2021-10-01"] } }))).toEqual([
      { kind: "parameter", message: "api-version is 2021-10-01, but the spec describes 2022-06-01" },
    ]);
    expect(
      mismatches(
        interaction({
          method: "PUT",
          path: "/api/hubs/chat/users/u/groups/g",
          body: undefined,
          status: 200,
          query: { "api-version": ["2022-06-01"], ttl: ["soon"] },
        }),
      ),
    ).toEqual([{ kind: "parameter", message: "query parameter ttl must be a 32-bit integer, got 'soon'" }]);
  });

  it("reports request bodies the operation does not take or that break the schema", () => {
    expect(mismatches(interaction({ body: undefined }))).toEqual([
      { kind: "request-body", message: "SignalR_Broadcast requires a JSON request body" },
    ]);
    expect(mismatches(interaction({ body: { arguments: 1 } })).map((m) => m.kind)).toEqual([
      "request-body",
      "request-body",
    ]);
    expect(mismatches(interaction({ method: "DELETE", path: "/api/hubs/chat/users/u/groups", status: 204 }))).toEqual([
      { kind: "request-body", message: "SignalR_RemoveUserFromAllGroups takes no request body" },
    ]);
  });

  it("reports a status the operation cannot return", () => {
    expect(mismatches(interaction({ status: 404 }))).toEqual([
      { kind: "status", message: "status 404 is not one SignalR_Broadcast returns (202, 400, 401, 413, 415)" },
    ]);
  });

  it("reports response bodies that break the schema of their status, or that HEAD cannot have", () => {
    expect(mismatches(interaction({ status: 400, responseBody: { code: 7 } }))).toEqual([
      { kind: "response-body", message: "response body /code must be string" },
    ]);
    expect(mismatches(interaction({ status: 400, responseBody: { code: "Error.Request.Invalid" } }))).toEqual([]);
    const head = { method: "HEAD", path: "/api/hubs/chat/users/u1", body: undefined, status: 404 };
    expect(mismatches(interaction({ ...head, responseBody: { code: "x" } }))).toEqual([
      { kind: "response-body", message: "a HEAD response has no body" },
    ]);
    expect(mismatches(interaction({ ...head, method: "GET", responseBody: { code: 1 } }))).toEqual([
      { kind: "response-body", message: "response body /code must be string" },
    ]);
    expect(mismatches(interaction({ ...head, method: "GET", status: 200, responseBody: { x: 1 } }))).toEqual([
      { kind: "response-body", message: "the spec declares no body for 200 on GET" },
    ]);
  });

  it("reports unknown provider states and interactions that are not HTTP", () => {
    expect(mismatches(interaction({ states: [{ name: "nope", params: {} }] }))[0]).toMatchObject({
      kind: "state",
      message: expect.stringContaining('Unknown provider state "nope"'),
    });
    expect(mismatches(interaction({ type: "Asynchronous/Messages" }))).toEqual([
      { kind: "operation", message: "Asynchronous/Messages interactions are not part of this HTTP API" },
    ]);
  });

  it("names the operation of a request, or none", () => {
    expect(operationOf(interaction({ method: "GET", path: "/api/hubs/chat/users/u/groups/g" }), spec)).toBe(
      "SignalR_CheckUserExistenceInGroup",
    );
    expect(operationOf(interaction({ path: "/nope" }), spec)).toBeUndefined();
  });
});

describe("checkStatically", () => {
  it("turns each interaction into a verdict with the reasons of its mismatches", () => {
    const seen: string[] = [];
    const verdicts = checkStatically([EXAMPLE], spec, (v) => seen.push(v.outcome));
    expect(seen).toEqual(verdicts.map((v) => v.outcome));
    expect(verdicts.every((v) => v.outcome === "passed" && v.pact.consumer === "example-notifier")).toBe(true);
  });

  it("labels each reason of a broken pact with the kind of mismatch", () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-static-"));
    const file = join(dir, "broken.json");
    const broken = {
      consumer: { name: "c" },
      provider: { name: "p" },
      interactions: [toRaw(interaction({ status: 500 }))],
    };
    writeFileSync(file, JSON.stringify(broken));
    const [verdict] = checkStatically([file], spec);
    expect(verdict).toMatchObject({
      outcome: "failed",
      operationId: "SignalR_Broadcast",
      reasons: ["[status] status 500 is not one SignalR_Broadcast returns (202, 400, 401, 413, 415)"],
    });
  });
});
