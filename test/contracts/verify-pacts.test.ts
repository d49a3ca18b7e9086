// The Pact Verifier (native core, in a child process) against hubkit's mock, with provider states realised both ways:
// as fixtures (the mock) and as real client connections (how a live service is handled).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureStates } from "../../src/contracts/fixture-states.js";
import type { InteractionVerdict } from "../../src/contracts/interaction-verdict.js";
import { createLiveStates } from "../../src/contracts/live-states.js";
import { checkStatically } from "../../src/contracts/static-verdicts.js";
import { verifyPacts } from "../../src/contracts/verify-pacts.js";
import { applyFixture, createMockServer, type MockServer } from "../../src/mock/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { createHttpTarget, type Target } from "../../src/targets/index.js";

const SPEC = loadSpec();

const KEY = "verify-pacts-test-key-0123456789abcdef";
const API = { "api-version": ["2022-06-01"] };
const dir = mkdtempSync(join(tmpdir(), "hubkit-verify-"));

interface RawInteraction {
  description: string;
  providerStates?: Array<{ name: string; params?: Record<string, unknown> }>;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  type?: string;
}

function writePact(name: string, interactions: RawInteraction[]): string {
  const file = join(dir, `${name}.json`);
  const pact = {
    consumer: { name },
    provider: { name: "whatever-the-consumer-calls-it" },
    interactions: interactions.map((i) => ({ type: "Synchronous/HTTP", ...i })),
    metadata: { pactSpecification: { version: "4.0" } },
  };
  writeFileSync(file, JSON.stringify(pact, null, 2));
  return file;
}

const byName = (verdicts: InteractionVerdict[]) =>
  Object.fromEntries(verdicts.map((v) => [v.interaction.description, v]));

let mock: MockServer;
beforeAll(async () => {
  mock = await createMockServer({ port: 0, accessKeys: [KEY] });
});
afterAll(async () => {
  await mock.close();
});

function onMock() {
  return {
    baseUrl: mock.url,
    accessKey: KEY,
    states: createFixtureStates({
      seed: async (fixture) => {
        applyFixture(mock.store, fixture, SPEC);
      },
    }),
  };
}

describe("verifyPacts against the mock (states as fixtures)", () => {
  it("passes, fails and explains each interaction of one pact", async () => {
    const file = writePact("mixed", [
      {
        description: "send to a connected user",
        providerStates: [{ name: "user connected", params: { hub: "chat", userId: "alice" } }],
        request: {
          method: "POST",
          path: "/api/hubs/chat/users/alice/:send",
          query: API,
          headers: { "Content-Type": ["application/json"] },
          body: { contentType: "application/json", encoded: false, content: { target: "t", arguments: [] } },
        },
        response: { status: 202 },
      },
      {
        description: "online check without api-version",
        providerStates: [
          { name: "connection in group", params: { hub: "chat", group: "g", connectionId: "c1", userId: "bob" } },
        ],
        request: { method: "HEAD", path: "/api/hubs/chat/users/bob" },
        response: { status: 200 },
      },
      {
        description: "wrong status",
        request: { method: "DELETE", path: "/api/hubs/chat/connections/nope", query: API },
        response: { status: 200 },
      },
      {
        description: "missing state",
        request: { method: "HEAD", path: "/api/hubs/chat/users/alice", query: API },
        response: { status: 200 },
      },
      {
        description: "unknown state",
        providerStates: [{ name: "alice is online", params: {} }],
        request: { method: "HEAD", path: "/api/hubs/chat/users/alice", query: API },
        response: { status: 200 },
      },
      {
        description: "conflicting states",
        providerStates: [
          { name: "connection exists", params: { hub: "chat", connectionId: "c1", userId: "u1" } },
          { name: "connection exists", params: { hub: "chat", connectionId: "c1", userId: "u2" } },
        ],
        request: { method: "HEAD", path: "/api/hubs/chat/connections/c1", query: API },
        response: { status: 200 },
      },
      {
        description: "a message interaction",
        type: "Asynchronous/Messages",
        request: {},
        response: {},
      },
    ]);
    const printed: string[] = [];
    const verdicts = await verifyPacts({
      spec: loadSpec(),
      pactFiles: [file],
      provider: onMock(),
      onVerdict: (v) => printed.push(v.outcome),
    });
    expect(printed).toEqual(verdicts.map((v) => v.outcome));
    const v = byName(verdicts);
    expect(v["send to a connected user"]).toMatchObject({
      outcome: "passed",
      operationId: "SignalR_SendToUser",
      status: 202,
      pact: { consumer: "mixed", provider: "whatever-the-consumer-calls-it" },
    });
    expect(v["online check without api-version"]).toMatchObject({ outcome: "passed" });
    expect(v["wrong status"]).toMatchObject({ outcome: "failed", reasons: ["expected 200 but was 404"], status: 404 });
    expect(v["missing state"]).toMatchObject({ outcome: "failed", reasons: ["expected 200 but was 404"] });
    expect(v["unknown state"]!.outcome).toBe("failed");
    expect(v["unknown state"]!.reasons[0]).toMatch(
      /^Unknown provider state "alice is online"\. hubkit knows: "connection exists" \{hub, connectionId, userId\?, application\?\}; "connection in group"/,
    );
    expect(v["conflicting states"]).toMatchObject({
      outcome: "failed",
      reasons: [
        expect.stringMatching(
          /^provider state "connection exists" could not be set up: connection c1 is given to user "u1" and to user "u2"/,
        ),
      ],
    });
    expect(v["a message interaction"]).toMatchObject({
      outcome: "failed",
      reasons: ["Asynchronous/Messages interactions are not part of this HTTP API; hubkit verifies HTTP only"],
    });
    // Every interaction started from a reset, and the last one's state is gone too.
    expect(mock.store.snapshot().hubs).toEqual([]);
  });

  it("reports every interaction as errored when the provider cannot be reached, without running the verifier", async () => {
    const file = writePact("unreachable", [
      { description: "one", request: { method: "HEAD", path: "/api/health", query: API }, response: { status: 200 } },
    ]);
    const [verdict] = await verifyPacts({
      spec: loadSpec(),
      pactFiles: [file],
      provider: { ...onMock(), baseUrl: "http://127.0.0.1:1" },
    });
    expect(verdict).toMatchObject({
      outcome: "errored",
      reasons: [expect.stringMatching(/^cannot reach the provider at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/)],
    });
  });
});

describe("verifyPacts with states as real client connections (the live way)", () => {
  let target: Target;
  beforeAll(() => {
    target = createHttpTarget({ kind: "live", endpoint: mock.url, accessKey: KEY });
  });
  afterAll(async () => {
    await target.close();
  });

  it("injects the connection id the service chose, and skips a state whose fixed id the request uses", async () => {
    const file = writePact("live-like", [
      {
        description: "close a connection the provider picked",
        providerStates: [{ name: "connection exists", params: { hub: "chat", connectionId: "c1", userId: "u1" } }],
        request: {
          method: "DELETE",
          path: "/api/hubs/chat/connections/c1",
          query: API,
          generators: {
            path: { type: "ProviderState", expression: `/api/hubs/chat/connections/\${connectionId}` },
          },
        },
        response: { status: 200 },
      },
      {
        description: "a fixed connection id",
        providerStates: [{ name: "connection exists", params: { hub: "chat", connectionId: "c1" } }],
        request: { method: "HEAD", path: "/api/hubs/chat/connections/c1", query: API },
        response: { status: 200 },
      },
      {
        description: "a group that has a connection",
        providerStates: [{ name: "connection in group", params: { hub: "chat", group: "g", connectionId: "c1" } }],
        request: { method: "HEAD", path: "/api/hubs/chat/groups/g", query: API },
        response: { status: 200 },
      },
      {
        description: "a user in a group",
        providerStates: [{ name: "user in group", params: { hub: "chat", group: "g", userId: "u9", ttl: 60 } }],
        request: { method: "HEAD", path: "/api/hubs/chat/users/u9/groups/g", query: API },
        response: { status: 200 },
      },
    ]);
    const verdicts = byName(
      await verifyPacts({
        spec: loadSpec(),
        pactFiles: [file],
        provider: { baseUrl: mock.url, accessKey: KEY, states: createLiveStates(target, loadSpec()) },
      }),
    );
    expect(verdicts["close a connection the provider picked"]).toMatchObject({ outcome: "passed" });
    expect(verdicts["a fixed connection id"]).toMatchObject({
      outcome: "skipped",
      reasons: [
        expect.stringContaining('names connection id "c1", which the request uses, but a live service assigns'),
      ],
    });
    expect(verdicts["a group that has a connection"]).toMatchObject({ outcome: "passed" });
    expect(verdicts["a user in a group"]).toMatchObject({ outcome: "passed" });
    // Clients opened for states are closed and user-group pairs removed afterwards.
    expect(mock.store.connectionCount()).toBe(0);
    expect(mock.store.isUserInGroup("chat", "u9", "g")).toBe(false);
  });
});

describe("the static check and verification against the mock agree", () => {
  it("on consumer interactions that document the provider's 400 for a request that breaks a rule", async () => {
    const send = (description: string, path: string, status: number): RawInteraction => ({
      description,
      request: {
        method: "POST",
        path,
        query: API,
        headers: { "Content-Type": ["application/json"] },
        body: { contentType: "application/json", encoded: false, content: { target: "t", arguments: [] } },
      },
      response: {
        status,
        ...(status === 400 ? { headers: { "x-ms-error-code": ["Error.Request.Invalid"] } } : {}),
      },
    });
    const file = writePact("documents-400", [
      send("an invalid hub is a 400", "/api/hubs/1bad/:send", 400),
      send("an invalid hub is not a 202", "/api/hubs/1bad/:send", 202),
      send("a valid send is a 202", "/api/hubs/chat/:send", 202),
    ]);
    const verified = byName(await verifyPacts({ spec: loadSpec(), pactFiles: [file], provider: onMock() }));
    const statically = byName(checkStatically([file], loadSpec()));
    const outcomes = (v: Record<string, InteractionVerdict>) =>
      Object.fromEntries(Object.entries(v).map(([name, verdict]) => [name, verdict.outcome]));
    expect(outcomes(statically)).toEqual({
      "an invalid hub is a 400": "passed",
      "an invalid hub is not a 202": "failed",
      "a valid send is a 202": "passed",
    });
    expect(outcomes(verified)).toEqual(outcomes(statically));
  });
});
