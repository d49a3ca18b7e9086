// REST faults on a real socket: status + Retry-After, times/nth/probability, reset, timeout, deliver-then-fail,
// the admin API, protected routes, and bad rules (did-you-mean, file:line:col, warnings).
import { afterEach, describe, expect, it } from "vitest";
import { signAccessToken } from "../../../src/auth/index.js";
import { HubkitErrorList } from "../../../src/errors.js";
import { createMockServer, type MockServer, parseFixture } from "../../../src/mock/index.js";
import { loadServedSpec } from "../../../src/spec/index.js";
import { ACCESS_KEY, eventually, startClient, type TestClient } from "../client/harness.js";
import { restClient } from "../client/rest.js";

// biome-ignore lint/suspicious/noExplicitAny: admin answers are read loosely in assertions
type Json = any;
let server: MockServer;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.connection.stop()));
  await server?.close();
});

const start = async (faults?: unknown[]) => {
  server = await createMockServer({ port: 0, ...(faults ? { faults } : {}) });
  return restClient(server.url, ACCESS_KEY);
};

async function raw(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, init);
}

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const token = await signAccessToken({ accessKey: ACCESS_KEY, audience: `${server.url}/_hubkit/` });
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const SEND = { method: "POST" as const, path: "chat/:send", body: { target: "msg", arguments: ["hi"] } };

describe("status faults", () => {
  it("answers the status with an ErrorDetail and Retry-After, `times: 2` then the real answer", async () => {
    const rest = await start([{ match: { operationId: "SignalR_Broadcast" }, status: 503, retryAfter: 2, times: 2 }]);
    const token = await signAccessToken({ accessKey: ACCESS_KEY, audience: `${server.url}/api/hubs/chat/:send` });
    const res = await raw("/api/hubs/chat/:send?api-version=2022-06-01", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ target: "m", arguments: [] }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(res.headers.get("x-ms-error-code")).toBe("Error.Fault.Injected");
    expect(await res.json()).toMatchObject({ code: "Error.Fault.Injected" });
    expect(await rest.call(SEND)).toBe(503);
    expect(await rest.call(SEND)).toBe(202);
  });

  it("class `message` hits the :send family only; nth fires on that call only", async () => {
    const rest = await start([
      { match: { class: "message" }, status: 502 },
      { match: { operationId: "SignalR_CheckConnectionExistence" }, status: 500, nth: 2 },
    ]);
    expect(await rest.call(SEND)).toBe(502);
    expect(await rest.call({ method: "POST", path: "chat/users/u1/:send", body: { target: "m" } })).toBe(502);
    const head = { method: "HEAD" as const, path: "chat/connections/c1" };
    expect(await rest.call(head)).toBe(404);
    expect(await rest.call(head)).toBe(500);
    expect(await rest.call(head)).toBe(404);
  });

  it("a seeded probability gives the same sequence on every run", async () => {
    const run = async () => {
      const rest = await start([{ match: { class: "message" }, status: 503, probability: 0.5, seed: 7 }]);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push(await rest.call(SEND));
      await server.close();
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(202);
    expect(await run()).toEqual(first);
  });

  it("leaves health and the admin API alone unless a rule names them", async () => {
    await start([{ status: 500 }]);
    expect((await raw("/api/health?api-version=2022-06-01", { method: "HEAD" })).status).toBe(200);
    expect((await admin("GET", "/_hubkit/faults")).status).toBe(200);
    await server.close();
    await start([{ match: { operationId: "HealthApi_GetServiceStatus" }, status: 503 }]);
    expect((await raw("/api/health?api-version=2022-06-01", { method: "HEAD" })).status).toBe(503);
  });
});

describe("events", () => {
  it("publishes a fault note for each fired rule", async () => {
    const rest = await start([{ id: "busy", match: { class: "message" }, status: 503, times: 1 }]);
    const notes: unknown[] = [];
    server.events.subscribe((e) => {
      if (e.kind === "fault") notes.push(e);
    });
    expect(await rest.call(SEND)).toBe(503);
    expect(await rest.call(SEND)).toBe(202);
    expect(notes).toEqual([
      expect.objectContaining({
        kind: "fault",
        hub: "chat",
        summary: "fault busy (status) on POST SignalR_Broadcast",
        detail: expect.objectContaining({ rule: "busy", operationId: "SignalR_Broadcast" }),
      }),
    ]);
  });
});

describe("connection faults", () => {
  it("reset destroys the socket", async () => {
    const rest = await start([{ match: { class: "message" }, reset: true }]);
    await expect(rest.call(SEND)).rejects.toThrow();
  });

  it("timeout never answers, and closing the mock does not wait for it", async () => {
    const rest = await start([{ match: { class: "message" }, timeout: true }]);
    const pending = rest.call(SEND).then(
      () => "answered",
      () => "failed",
    );
    await eventually(
      () => server.faults.attempts.list().length === 0 && server.faults.set.list()[0]!.fired === 1,
      "the fault to fire",
    );
    await server.close();
    expect(await pending).toBe("failed");
  });

  it("latency delays the real answer", async () => {
    const rest = await start([{ match: { class: "message" }, latency: "50ms" }]);
    expect(await rest.call(SEND)).toBe(202);
    expect(server.faults.set.list()[0]!.fired).toBe(1);
  });
});

describe("deliverThenFail", () => {
  it("delivers the message to real clients, then answers 500", async () => {
    const rest = await start([
      { match: { operationId: "SignalR_Broadcast" }, deliverThenFail: { status: 500 }, times: 1 },
    ]);
    const token = await signAccessToken({ accessKey: ACCESS_KEY, audience: `${server.url}/client/?hub=chat` });
    const client = await startClient({
      url: `${server.url}/client/?hub=chat`,
      transport: "WebSockets",
      protocol: "json",
      targets: ["msg"],
      accessToken: token,
    });
    clients.push(client);
    expect(await rest.call(SEND)).toBe(500);
    // The app retries the 500: the client now has the message twice.
    expect(await rest.call(SEND)).toBe(202);
    await eventually(() => client.received.length === 2, "two deliveries");
    expect(client.received).toEqual([
      { target: "msg", args: ["hi"] },
      { target: "msg", args: ["hi"] },
    ]);
  });
});

describe("admin API", () => {
  it("adds, lists and clears rules at run time; faults are off until then", async () => {
    const rest = await start();
    expect(server.faults.active).toBe(false);
    expect(await rest.call(SEND)).toBe(202);
    const added = await admin("POST", "/_hubkit/faults", { id: "boom", match: { class: "message" }, status: 504 });
    expect(added.status).toBe(200);
    expect(added.json.added[0]).toMatchObject({ id: "boom", source: "admin API" });
    expect(await rest.call(SEND)).toBe(504);
    expect((await admin("GET", "/_hubkit/faults")).json.rules[0]).toMatchObject({ id: "boom", fired: 1 });
    expect((await admin("DELETE", "/_hubkit/faults?id=nope")).status).toBe(404);
    expect((await admin("DELETE", "/_hubkit/faults?id=boom")).json.rules).toEqual([]);
    expect(await rest.call(SEND)).toBe(202);
  });

  it("refuses a bad rule with a 400 ErrorDetail and a did-you-mean", async () => {
    await start();
    const res = await admin("POST", "/_hubkit/faults", { match: { operationId: "SignalR_Brodcast" }, staus: 500 });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.json);
    expect(text).toContain("Did you mean 'SignalR_Broadcast'?");
    expect(text).toContain("Did you mean 'status'?");
  });
});

describe("bad rules in a state file", () => {
  it("names file:line:col for unknown effects, operationIds and probabilities outside [0, 1]", () => {
    const text = [
      "faults:",
      "  - match: { operationId: SignalR_SendToUsr }",
      "    status: 500",
      "  - probability: 1.5",
      "    status: 503",
      "  - resett: true",
    ].join("\n");
    let error: unknown;
    try {
      parseFixture(text, "mocks/bad.yaml", loadServedSpec());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubkitErrorList);
    const problems = (error as HubkitErrorList).problems.map(
      (p) => `${p.position?.line}:${p.position?.column} ${p.message} ${p.hint ?? ""}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2:27 unknown operationId 'SignalR_SendToUsr' Did you mean 'SignalR_SendToUser'\?/),
        expect.stringMatching(/^4:18 expected a probability from 0 to 1, found 1.5/),
        expect.stringMatching(/^6:5 unknown key 'resett' .*Did you mean 'reset'\?/),
      ]),
    );
  });

  it("warns about a rule that matches nothing and a latency no client waits for", async () => {
    await start();
    const { warnings } = server.faults.add(
      [
        { match: { operationId: "SignalR_Broadcast", method: "DELETE" }, status: 500 },
        { match: { class: "message" }, latency: "150s" },
      ],
      "test",
    );
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("matches nothing: SignalR_Broadcast is POST, not DELETE"),
      expect.stringContaining("latency above 100 s"),
    ]);
  });
});
