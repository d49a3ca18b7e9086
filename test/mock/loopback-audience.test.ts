// A mock on loopback treats localhost, 127.0.0.1 and [::1] as one host in token audiences, unless strictAudience.
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { clientAudience, restAudience, signAccessToken } from "../../src/auth/index.js";
import { createMockServer, DEFAULT_ACCESS_KEY, type MockServer } from "../../src/mock/index.js";
import { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from "../../src/mock/server-timeouts.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SEND = "/api/hubs/chat/:send?api-version=2022-06-01";

async function sendWithAudienceHost(mock: MockServer, audienceHost: string): Promise<number> {
  const token = await signAccessToken({
    accessKey: DEFAULT_ACCESS_KEY,
    audience: restAudience(`http://${audienceHost}:${mock.port}`, SEND),
  });
  const res = await request(`${mock.url}${SEND}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ target: "t", arguments: [] }),
  });
  await res.body.dump();
  return res.statusCode;
}

describe("loopback aliases in audiences", () => {
  it.each(["localhost", "127.0.0.1", "[::1]", "LocalHost"])(
    "a REST token signed for %s works against the mock at 127.0.0.1",
    async (host) => {
      server = await createMockServer({ port: 0 });
      expect(await sendWithAudienceHost(server, host)).toBe(202);
    },
  );

  it("a client token for localhost negotiates at 127.0.0.1", async () => {
    server = await createMockServer({ port: 0 });
    const token = await signAccessToken({
      accessKey: DEFAULT_ACCESS_KEY,
      audience: clientAudience("http://localhost", "chat"),
    });
    const res = await fetch(`${server.url}/client/negotiate?hub=chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it("another host is still refused", async () => {
    server = await createMockServer({ port: 0 });
    expect(await sendWithAudienceHost(server, "example.test")).toBe(401);
  });

  it("strictAudience compares hosts exactly", async () => {
    server = await createMockServer({ port: 0, strictAudience: true });
    expect(await sendWithAudienceHost(server, "localhost")).toBe(401);
    expect(await sendWithAudienceHost(server, "127.0.0.1")).toBe(202);
  });
});

describe("HTTP timeouts", () => {
  it("keeps idle sockets longer than client pools do, with a longer headers timeout", async () => {
    server = await createMockServer({ port: 0 });
    expect(server.httpServer.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBe(130_000);
    expect(server.httpServer.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(server.httpServer.headersTimeout).toBeGreaterThan(server.httpServer.keepAliveTimeout);
    expect(server.httpServer.requestTimeout).toBeGreaterThanOrEqual(server.httpServer.headersTimeout);
  });
});
