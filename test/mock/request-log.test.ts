// The request log: one line per request with method, path, status and time; tokens never appear.
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { signAccessToken } from "../../src/auth/index.js";
import { createMockServer, type MockServer, redactRequestTarget } from "../../src/mock/index.js";
import { createRequestLog } from "../../src/mock/request-log.js";
import { authorizationFor } from "./tokens.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("request log", () => {
  it("writes one line per request: method, path with query, status, milliseconds; never the token", async () => {
    const lines: string[] = [];
    server = await createMockServer({ port: 0, log: (line) => lines.push(line) });
    const path = "/api/hubs/chat/users/bob?api-version=2022-06-01";
    const authorization = (await authorizationFor("sdk", server.url, path))!;
    const res = await request(`${server.url}${path}`, { method: "HEAD", headers: { authorization } });
    await res.body.dump();
    await request(`${server.url}/nothing`).then((r) => r.body.dump());
    await expect.poll(() => lines.length).toBe(2);
    expect(lines[0]).toMatch(/^HEAD \/api\/hubs\/chat\/users\/bob\?api-version=2022-06-01 404 \d+\.\dms$/);
    expect(lines[1]).toMatch(/^GET \/nothing 404 /);
    const token = authorization.slice("Bearer ".length);
    expect(lines.join("\n")).not.toContain(token);
  });

  it("redacts access_token in a query (browser clients) and anything shaped like a JWT", async () => {
    const token = await signAccessToken({ accessKey: "k", audience: "http://x/client/?hub=chat" });
    expect(redactRequestTarget(`/client/?hub=chat&access_token=${token}`)).toBe("/client/?hub=chat&access_token=***");
    expect(redactRequestTarget("/client/?Access_Token=secret&hub=chat")).toBe("/client/?Access_Token=***&hub=chat");
    expect(redactRequestTarget(`/x?t=${token}`)).toBe("/x?t=***");
    const lines: string[] = [];
    createRequestLog((line) => lines.push(line)).event(`connected with ${token}`);
    expect(lines).toEqual(["connected with ***"]);
  });

  it("redacts id on client paths, where it is the secret connectionToken, and nowhere else", () => {
    expect(redactRequestTarget("/client/?hub=chat&id=s3cr3t-T0ken&access_token=x")).toBe(
      "/client/?hub=chat&id=***&access_token=***",
    );
    expect(redactRequestTarget("/client?ID=s3cr3t&hub=chat")).toBe("/client?ID=***&hub=chat");
    expect(redactRequestTarget("http://localhost:8888/client/?id=s3cr3t")).toBe("http://localhost:8888/client/?id=***");
    // `hubid=` is another parameter; paths that are not client paths keep their `id`.
    expect(redactRequestTarget("/client/?hubid=1&id=2")).toBe("/client/?hubid=1&id=***");
    expect(redactRequestTarget("/clientele?id=1")).toBe("/clientele?id=1");
    expect(redactRequestTarget("/api/hubs/chat?id=1")).toBe("/api/hubs/chat?id=1");
  });

  it("never writes a long-polling client's connectionToken to the log", async () => {
    const lines: string[] = [];
    server = await createMockServer({ port: 0, log: (line) => lines.push(line) });
    const accessToken = await signAccessToken({
      accessKey: server.accessKeys[0]!,
      audience: `${server.url}/client/?hub=chat`,
    });
    const headers = { authorization: `Bearer ${accessToken}` };
    const negotiate = await request(`${server.url}/client/negotiate?hub=chat&negotiateVersion=1`, {
      method: "POST",
      headers,
    });
    const { connectionToken } = (await negotiate.body.json()) as { connectionToken: string };
    const poll = await request(`${server.url}/client/?hub=chat&id=${connectionToken}`, { headers });
    await poll.body.dump();
    expect(poll.statusCode).toBe(200);
    await expect.poll(() => lines.some((line) => line.startsWith("GET /client/"))).toBe(true);
    expect(lines.find((line) => line.startsWith("GET /client/"))).toMatch(
      /^GET \/client\/\?hub=chat&id=\*\*\* 200 \d+\.\dms$/,
    );
    expect(lines.join("\n")).not.toContain(connectionToken);
  });
});
