// `hubkit token` through bin/hubkit.js: the tokens it prints are accepted by the mock for that URL only.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier } from "../../src/auth/index.js";
import { createMockServer, DEFAULT_ACCESS_KEY, type MockServer } from "../../src/mock/index.js";

const run = promisify(execFile);
const hubkit = (...args: string[]) => run("node", ["bin/hubkit.js", "token", ...args], { env: { ...process.env } });

describe("hubkit token", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0, accessKeys: ["token-test-key"] });
  });
  afterAll(() => mock.close());

  it("prints a REST token the mock accepts for that URL, and only for that URL", async () => {
    const { stdout } = await hubkit(
      `${mock.url}/api/hubs/chat/:send?api-version=2022-06-01`,
      "--access-key",
      "token-test-key",
    );
    const token = stdout.trim();
    expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const send = (path: string) =>
      request(`${mock.url}${path}?api-version=2022-06-01`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ target: "t", arguments: [] }),
      });
    expect((await send("/api/hubs/chat/:send")).statusCode).toBe(202);
    const elsewhere = await send("/api/hubs/other/:send");
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.headers["www-authenticate"]).toContain("The audience is invalid");
  });

  it("resolves a path against the connection string's endpoint and signs with its key", async () => {
    const { stdout } = await hubkit("/api/health", "--connection-string", mock.connectionString);
    const verifier = createTokenVerifier({ accessKeys: ["token-test-key"] });
    // The connection string names the mock as localhost (emulator style), so the audience does too.
    const host = "localhost";
    expect(verifier.verifyRest(`Bearer ${stdout.trim()}`, { scheme: "http", host, path: "/api/health" }).ok).toBe(true);
  });

  it("signs client tokens for a hub and user, with the mock's default key and URL by default", async () => {
    const { stdout } = await hubkit("/client/?hub=Chat", "--user", "alice");
    // Strict comparison: the default endpoint is the URL `hubkit mock` prints (127.0.0.1), not an alias of it.
    const verifier = createTokenVerifier({ accessKeys: [DEFAULT_ACCESS_KEY] });
    const result = verifier.verifyClient(stdout.trim(), { scheme: "http", host: "127.0.0.1:8888", hub: "chat" });
    expect(result.ok && result.userId).toBe("alice");
  });

  it("a token for a path works against the URL the mock prints; --url names another endpoint", async () => {
    const printed = await createMockServer({ port: 0, strictAudience: true });
    try {
      const { stdout } = await hubkit("/api/hubs/chat/:send?api-version=2022-06-01");
      const send = await request(`${printed.url}/api/hubs/chat/:send?api-version=2022-06-01`, {
        method: "POST",
        headers: { authorization: `Bearer ${stdout.trim()}`, "content-type": "application/json" },
        body: JSON.stringify({ target: "t" }),
      });
      await send.body.dump();
      expect(send.statusCode).toBe(202);
    } finally {
      await printed.close();
    }
    const { stdout } = await hubkit("/api/health", "--url", "https://other.example:9000", "--access-key", "k");
    const verifier = createTokenVerifier({ accessKeys: ["k"] });
    const target = { scheme: "https", host: "other.example", path: "/api/health" };
    expect(verifier.verifyRest(`Bearer ${stdout.trim()}`, target).ok).toBe(true);
  });

  it("exits 2 with a hint for a client URL without a hub, and for a bad flag", async () => {
    const noHub = await hubkit("/client/").catch((e: { code: number; stderr: string }) => e);
    expect(noHub).toMatchObject({ code: 2 });
    expect((noHub as { stderr: string }).stderr).toContain("Client URLs look like /client/?hub=chat.");
    const badFlag = await hubkit("/api/health", "--expires-in", "soon").catch((e: { code: number }) => e);
    expect(badFlag).toMatchObject({ code: 2 });
  });
});
