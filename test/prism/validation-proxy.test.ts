// Prism's validation proxy in front of the stateful mock (every operation, no violations) and of a broken
// implementation. The conformance suites through the proxy: validation-proxy-suites.test.ts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restAudience, signAccessToken } from "../../src/auth/index.js";
import { applyFixture, createMockServer, type MockServer } from "../../src/mock/index.js";
import { judgeRecord, startValidationProxy, type ValidationProxy } from "../../src/prism/index.js";
import { loadSpec } from "../../src/spec/index.js";

const SPEC = loadSpec();

const KEY = "validation-proxy-test-key-0123456789abcdef";
const spec = loadSpec();

interface Call {
  method: string;
  path: string;
  body?: unknown;
  auth?: boolean;
  contentType?: string;
}

async function send(proxy: ValidationProxy, call: Call): Promise<number> {
  const pathAndQuery = `${call.path}${call.path.includes("?") ? "&" : "?"}api-version=2022-06-01`;
  const headers: Record<string, string> = {};
  if (call.auth !== false) {
    const token = await signAccessToken({ accessKey: KEY, audience: restAudience(proxy.url, pathAndQuery) });
    headers.authorization = `Bearer ${token}`;
  }
  if (call.body !== undefined) headers["content-type"] = call.contentType ?? "application/json";
  const response = await request(proxy.url + pathAndQuery, {
    method: call.method as "GET",
    headers,
    ...(call.body === undefined ? {} : { body: typeof call.body === "string" ? call.body : JSON.stringify(call.body) }),
  });
  await response.body.dump();
  return response.statusCode;
}

const message = { target: "newMessage", arguments: ["hi"] };

/** Every operation, with its success status and the error statuses the mock can produce for it. */
const CALLS: Call[] = [
  { method: "HEAD", path: "/api/health", auth: false },
  { method: "POST", path: "/api/hubs/chat/:send", body: message },
  { method: "POST", path: "/api/hubs/chat/:send", body: { arguments: [] } },
  { method: "POST", path: "/api/hubs/chat/:send", body: "x", contentType: "text/plain" },
  { method: "POST", path: "/api/hubs/chat/:send", body: { target: "big", arguments: ["x".repeat(1_100_000)] } },
  { method: "POST", path: "/api/hubs/chat/:send", body: message, auth: false },
  { method: "POST", path: "/api/hubs/9chat/:send", body: message },
  { method: "HEAD", path: "/api/hubs/chat/connections/c1" },
  { method: "HEAD", path: "/api/hubs/chat/connections/nope" },
  { method: "GET", path: "/api/hubs/chat/connections/nope" },
  { method: "POST", path: "/api/hubs/chat/connections/c1/:send", body: message },
  { method: "PUT", path: "/api/hubs/chat/groups/g1/connections/c1" },
  { method: "PUT", path: "/api/hubs/chat/groups/g1/connections/nope" },
  { method: "HEAD", path: "/api/hubs/chat/groups/g1" },
  { method: "HEAD", path: "/api/hubs/chat/groups/empty" },
  { method: "POST", path: "/api/hubs/chat/groups/g1/:send", body: message },
  { method: "DELETE", path: "/api/hubs/chat/groups/g1/connections/c1" },
  { method: "DELETE", path: "/api/hubs/chat/groups/g1/connections/c1" },
  { method: "DELETE", path: "/api/hubs/chat/connections/c1/groups" },
  { method: "HEAD", path: "/api/hubs/chat/users/u1" },
  { method: "HEAD", path: "/api/hubs/chat/users/nobody" },
  { method: "POST", path: "/api/hubs/chat/users/u1/:send", body: message },
  { method: "PUT", path: "/api/hubs/chat/users/u2/groups/g2?ttl=60" },
  { method: "HEAD", path: "/api/hubs/chat/users/u2/groups/g2" },
  { method: "GET", path: "/api/hubs/chat/users/u3/groups/g2" },
  { method: "DELETE", path: "/api/hubs/chat/users/u2/groups/g2" },
  { method: "DELETE", path: "/api/hubs/chat/users/u1/groups" },
  { method: "POST", path: "/api/hubs/chat/users/u1/:closeConnections" },
  { method: "POST", path: "/api/hubs/chat/groups/g1/:closeConnections" },
  { method: "DELETE", path: "/api/hubs/chat/connections/c2" },
  { method: "DELETE", path: "/api/hubs/chat/connections/c2" },
  { method: "POST", path: "/api/hubs/chat/:closeConnections?excluded=c9&reason=bye" },
];

async function startStateful(): Promise<{ mock: MockServer; proxy: ValidationProxy }> {
  const mock = await createMockServer({ port: 0, accessKeys: [KEY] });
  return { mock, proxy: await startValidationProxy({ spec: loadSpec(), upstream: mock.url }) };
}

async function startBroken(): Promise<{ upstream: Server; proxy: ValidationProxy }> {
  // Answers :send with 200 and a body the spec does not allow, everything else with 202.
  const upstream = createServer((req, res) => {
    if (req.url?.includes("/users/")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ statusCode: "not a number" }));
    } else {
      res.writeHead(202, { "content-length": "0" });
      res.end();
    }
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const proxy = await startValidationProxy({
    spec: loadSpec(),
    upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
  });
  return { upstream, proxy };
}

let stateful: { mock: MockServer; proxy: ValidationProxy };
let broken: { upstream: Server; proxy: ValidationProxy };
// Both proxies start together, once for the file: starting Prism is most of this file's time.
beforeAll(async () => {
  [stateful, broken] = await Promise.all([startStateful(), startBroken()]);
});
afterAll(async () => {
  await Promise.all([stateful?.proxy.stop(), broken?.proxy.stop()]);
  await stateful?.mock.close();
  broken?.upstream.close();
});

describe("through the Prism proxy, the stateful mock and the spec agree", () => {
  let mock: MockServer;
  let proxy: ValidationProxy;
  beforeAll(() => {
    ({ mock, proxy } = stateful);
  });

  it("records every exchange of every operation with zero response violations", async () => {
    applyFixture(
      mock.store,
      {
        reset: true,
        hubs: {
          chat: {
            connections: [
              { id: "c1", user: "u1" },
              { id: "c2", user: "u2" },
            ],
          },
        },
      },
      SPEC,
    );
    const statuses: number[] = [];
    for (const call of CALLS) statuses.push(await send(proxy, call));
    expect(statuses).toContain(202);
    expect(statuses).toContain(401);
    expect(statuses).toContain(404);
    expect(statuses).toContain(413);
    expect(proxy.records.map((r) => r.status)).toEqual(statuses);
    const operations = new Set(proxy.records.map((r) => r.operationId));
    expect(operations.size).toBe(spec.operations.length);

    const problems = proxy.records.flatMap((record) =>
      judgeRecord(record, spec)
        .filter((check) => check.outcome === "failed")
        .map((check) => `${record.method} ${record.url} → ${record.status} (${record.operationId}): ${check.title}`),
    );
    expect(problems).toEqual([]);
    expect(proxy.records.filter((r) => r.prismError)).toEqual([]);
  });
});

describe("in front of a broken implementation", () => {
  let proxy: ValidationProxy;
  beforeAll(() => {
    ({ proxy } = broken);
  });

  it("records response violations, undocumented statuses and invalid requests the upstream accepted", async () => {
    expect(await send(proxy, { method: "POST", path: "/api/hubs/chat/users/u1/:send", body: message })).toBe(200);
    expect(await send(proxy, { method: "POST", path: "/api/hubs/9chat/:send", body: message })).toBe(202);
    const result = await proxy.stop();
    expect(result.summary).toMatchObject({ total: 2, failed: 2 });
    const [wrong, invalid] = result.tests;
    expect(wrong!.steps[0]).toMatchObject({ http: { operationId: "SignalR_SendToUser", status: 200 } });
    const wrongChecks = wrong!.steps[0]!.checks.filter((c) => c.outcome === "failed").map((c) => c.kind);
    expect(wrongChecks).toContain("response-violation");
    expect(wrongChecks).toContain("status");
    expect(invalid!.steps[0]!.checks.find((c) => c.kind === "request-violation")).toMatchObject({
      outcome: "failed",
      title: expect.stringContaining("request.path.hub"),
    });
    expect(JSON.stringify(result)).not.toContain("Bearer ey");
    // Stopped: Prism is gone, so a second stop is a no-op with the same result.
    expect((await proxy.stop()).summary.total).toBe(2);
  });
});
