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
    expect(redactRequestTarget(`/client/?hub=chat&id=abc&access_token=${token}`)).toBe(
      "/client/?hub=chat&id=abc&access_token=***",
    );
    expect(redactRequestTarget("/client/?Access_Token=secret&hub=chat")).toBe("/client/?Access_Token=***&hub=chat");
    expect(redactRequestTarget(`/x?t=${token}`)).toBe("/x?t=***");
    const lines: string[] = [];
    createRequestLog((line) => lines.push(line)).event(`connected with ${token}`);
    expect(lines).toEqual(["connected with ***"]);
  });
});
