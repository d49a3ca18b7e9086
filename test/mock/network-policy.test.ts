// Who may reach the mock: the Host header on a loopback bind (DNS rebinding), CORS origins, and a network bind.
import { request as httpRequest } from "node:http";
import { connect as tcpConnect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { signAccessToken } from "../../src/auth/index.js";
import { HubkitError } from "../../src/errors.js";
import { createMockServer, DEFAULT_ACCESS_KEY, type MockServer, type MockServerOptions } from "../../src/mock/index.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  server = await createMockServer({ port: 0, ...options });
  return server;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with any Host header (fetch cannot set one), to 127.0.0.1 at the server's port. */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; connectTo?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.connectTo ?? "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: options.path,
        headers: options.headers ?? {},
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += chunk.toString("utf8");
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = tcpConnect(port, "127.0.0.1", () => socket.write(text));
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("utf8");
    });
    socket.on("error", () => resolve(answer));
    socket.on("close", () => resolve(answer));
  });
}

const REBIND = "rebind.attacker.example";

describe("Host header on a loopback bind", () => {
  it.each([
    ["REST", "POST", "/api/hubs/chat/:send?api-version=2022-06-01"],
    ["REST health", "GET", "/api/health?api-version=2022-06-01"],
    ["admin", "GET", "/_hubkit/state"],
    ["client negotiate", "POST", "/client/negotiate?hub=chat"],
    ["dev negotiate", "POST", "/_hubkit/hubs/chat/negotiate"],
    ["client transport", "GET", "/client/?hub=chat&id=x"],
  ])("%s with Host %s is a 400 ErrorDetail", async (_name, method, path) => {
    const mock = await start();
    const answer = await send(mock.port, { method, path, headers: { host: `${REBIND}:${mock.port}` } });
    expect(answer.status).toBe(400);
    expect(answer.headers["x-ms-error-code"]).toBe("Error.Request.HostNotAllowed");
    expect(JSON.parse(answer.body)).toMatchObject({ code: "Error.Request.HostNotAllowed", target: "Host" });
    expect(JSON.parse(answer.body).message).toContain("--allowed-host");
  });

  it("a WebSocket upgrade with a foreign Host is refused with the same ErrorDetail", async () => {
    const mock = await start();
    const answer = await rawExchange(
      mock.port,
      `GET /client/?hub=chat&id=x HTTP/1.1\r\nHost: ${REBIND}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("x-ms-error-code: Error.Request.HostNotAllowed");
    expect(answer).toContain('"code":"Error.Request.HostNotAllowed"');
  });

  it.each(["localhost", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:8888", "[::1]", "[::1]:9"])(
    "Host %s is accepted",
    async (host) => {
      const mock = await start();
      const answer = await send(mock.port, {
        method: "HEAD",
        path: "/api/health?api-version=2022-06-01",
        headers: { host },
      });
      expect(answer.status).toBe(200);
    },
  );

  it("names given with allowedHosts are accepted too, in any case and with any port", async () => {
    const mock = await start({ allowedHosts: ["Mock.Test"] });
    const ok = await send(mock.port, {
      method: "HEAD",
      path: "/api/health?api-version=2022-06-01",
      headers: { host: "mock.test:443" },
    });
    expect(ok.status).toBe(200);
    const refused = await send(mock.port, { path: "/_hubkit/state", headers: { host: "other.test" } });
    expect(refused.status).toBe(400);
  });

  it("a malformed Host is refused with the ErrorDetail, never a 500", async () => {
    const mock = await start();
    for (const host of ["[", "a b", "x:y:z", "%%"]) {
      const answer = await rawExchange(
        mock.port,
        `POST /_hubkit/hubs/chat/negotiate HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain("Error.Request.");
    }
  });
});

describe("CORS origins", () => {
  const preflight = (port: number, origin: string) =>
    send(port, {
      method: "OPTIONS",
      path: "/client/negotiate?hub=chat",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
    });

  it.each(["http://localhost:5173", "https://localhost", "http://127.0.0.1:3000", "http://[::1]:8080"])(
    "%s is allowed with credentials",
    async (origin) => {
      const mock = await start();
      const answer = await preflight(mock.port, origin);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
      expect(answer.headers["access-control-allow-credentials"]).toBe("true");
      const negotiate = await send(mock.port, {
        method: "POST",
        path: "/_hubkit/hubs/chat/negotiate",
        headers: { origin },
      });
      expect(negotiate.headers["access-control-allow-origin"]).toBe(origin);
    },
  );

  it.each(["null", "https://evil.example", "http://localhost.evil.example", "file://", "http://127.0.0.2:80"])(
    "%s gets no CORS headers",
    async (origin) => {
      const mock = await start();
      const answer = await preflight(mock.port, origin);
      expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
      expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
      const negotiate = await send(mock.port, {
        method: "POST",
        path: "/_hubkit/hubs/chat/negotiate",
        headers: { origin },
      });
      expect(negotiate.headers["access-control-allow-origin"]).toBeUndefined();
    },
  );

  it("origins given with corsOrigins are allowed", async () => {
    const mock = await start({ corsOrigins: ["https://app.example"] });
    const answer = await preflight(mock.port, "https://app.example");
    expect(answer.headers["access-control-allow-origin"]).toBe("https://app.example");
  });
});

describe("a bind that is not loopback", () => {
  it("refuses the published default key unless told that is intended", async () => {
    const refused = createMockServer({ port: 0, host: "0.0.0.0" });
    await expect(refused).rejects.toBeInstanceOf(HubkitError);
    await expect(createMockServer({ port: 0, host: "0.0.0.0" })).rejects.toMatchObject({
      code: "E_DEFAULT_KEY_ON_NETWORK",
    });
    const mock = await start({ host: "0.0.0.0", allowDefaultKeyOnNetwork: true });
    expect(mock.accessKeys).toEqual([DEFAULT_ACCESS_KEY]);
  });

  it("accepts any Host, and serves neither the dev negotiate nor the admin API unless asked", async () => {
    const mock = await start({ host: "0.0.0.0", accessKeys: ["a-private-key"] });
    const health = await send(mock.port, {
      method: "HEAD",
      path: "/api/health?api-version=2022-06-01",
      headers: { host: "mock.lan:1234" },
    });
    expect(health.status).toBe(200);
    const dev = await send(mock.port, { method: "POST", path: "/_hubkit/hubs/chat/negotiate" });
    expect(dev.status).toBe(404);
    expect(JSON.parse(dev.body).message).toContain("--dev-negotiate");
    const token = await signAccessToken({ accessKey: "a-private-key", audience: "http://127.0.0.1/_hubkit/" });
    const admin = await send(mock.port, { path: "/_hubkit/state", headers: { authorization: `Bearer ${token}` } });
    expect(admin.status).toBe(404);
    expect(JSON.parse(admin.body).message).toContain("--admin-api");
  });

  it("a malformed Host on the dev negotiate is a 400 ErrorDetail, never a 500", async () => {
    const mock = await start({ host: "0.0.0.0", accessKeys: ["k"], devNegotiate: true });
    for (const host of ["[", "a b", "%%"]) {
      const answer = await rawExchange(
        mock.port,
        `POST /_hubkit/hubs/chat/negotiate HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('"code":"Error.Request.Invalid"');
      expect(answer).toContain('"target":"Host"');
    }
  });

  it("serves them when asked", async () => {
    const mock = await start({ host: "0.0.0.0", accessKeys: ["k"], devNegotiate: true, adminApi: true });
    const dev = await send(mock.port, { method: "POST", path: "/_hubkit/hubs/chat/negotiate" });
    expect(dev.status).toBe(200);
    const token = await signAccessToken({ accessKey: "k", audience: "http://127.0.0.1/_hubkit/" });
    const admin = await send(mock.port, { path: "/_hubkit/state", headers: { authorization: `Bearer ${token}` } });
    expect(admin.status).toBe(200);
  });
});

describe("the Host check's memory of the last accepted Host", () => {
  it("refuses a rebinding Host right after an accepted one, and accepts the loopback Host again after it", async () => {
    const { loopbackHostCheck } = await import("../../src/mock/network-policy.js");
    const check = loopbackHostCheck(["dev.test"]);
    expect(check("127.0.0.1:8888")).toBeUndefined();
    expect(check("127.0.0.1:8888")).toBeUndefined();
    expect(check("evil.example:8888")?.detail.code).toBe("Error.Request.HostNotAllowed");
    expect(check("evil.example:8888")?.status).toBe(400);
    expect(check("127.0.0.1:8888")).toBeUndefined();
    expect(check("DEV.test")).toBeUndefined();
    expect(check("127.0.0.1.evil.example")?.status).toBe(400);
  });
});
