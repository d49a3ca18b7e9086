// Over TLS the token audience names https: the REST and admin APIs take the scheme from the socket, not a header.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restAudience, signAccessToken } from "../../src/auth/index.js";
import { createMockHandler, type MockHandler } from "../../src/mock/index.js";
import { CHAT } from "./rest-case.js";
import { PRIMARY_KEY } from "./tokens.js";

let handler: MockHandler;
let server: Server;
let port: number;
const agent = new Agent({ connect: { rejectUnauthorized: false } });

/** A throwaway self-signed certificate for localhost, made by the openssl CLI (Node cannot create certificates). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), "hubkit-tls-"));
  try {
    const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  handler = createMockHandler({ fixture: CHAT });
  server = createServer(selfSignedCertificate(), handler.listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await handler.close();
  await new Promise((resolve) => server.close(resolve));
  await agent.close();
});

async function send(method: string, path: string, audience: string, headers: Record<string, string> = {}) {
  const token = await signAccessToken({ accessKey: PRIMARY_KEY, audience });
  const res = await request(`https://localhost:${port}${path}`, {
    method: method as "POST",
    dispatcher: agent,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    ...(method === "POST" && path.startsWith("/api/") ? { body: '{"target":"t","arguments":[]}' } : {}),
  });
  await res.body.dump();
  return { status: res.statusCode, challenge: res.headers["www-authenticate"] };
}

const SEND = "/api/hubs/chat/:send?api-version=2022-06-01";

describe("REST and admin over TLS", () => {
  it("a REST token for the https URL is accepted", async () => {
    expect((await send("POST", SEND, restAudience(`https://localhost:${port}`, SEND))).status).toBe(202);
  });

  it("a REST token for the http URL is refused, even with X-Forwarded-Proto: http", async () => {
    const res = await send("POST", SEND, restAudience(`http://localhost:${port}`, SEND), {
      "x-forwarded-proto": "http",
    });
    expect(res).toEqual({
      status: 401,
      challenge: 'Bearer error="invalid_token", error_description="The audience is invalid"',
    });
  });

  it("the admin API wants https in its audience too", async () => {
    expect((await send("GET", "/_hubkit/state", "https://localhost/_hubkit/")).status).toBe(200);
    expect((await send("GET", "/_hubkit/state", "http://localhost/_hubkit/")).status).toBe(401);
  });
});
