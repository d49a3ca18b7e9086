// Log lines cannot be forged or used to drive the terminal: control characters from requests are escaped.
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { signAccessToken } from "../../src/auth/index.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { escapeControlCharacters } from "../../src/mock/request-log.js";
import { startClient } from "./client/harness.js";
import { authorizationFor, PRIMARY_KEY } from "./tokens.js";

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe("control characters in log lines", () => {
  it("escapes C0, DEL and C1 characters visibly", () => {
    expect(escapeControlCharacters("a\nb\rc\u001b[2Jd\u0007e\u007ff\u0085g\th")).toBe(
      "a\\nb\\rc\\x1b[2Jd\\x07e\\x7ff\\x85g\\th",
    );
    expect(escapeControlCharacters("plain line, ünïcode ✓")).toBe("plain line, ünïcode ✓");
  });

  it("a dev-negotiate userId with a newline and ESC cannot forge a line or clear the terminal", async () => {
    const lines: string[] = [];
    server = await createMockServer({ port: 0, log: (line) => lines.push(line) });
    const res = await fetch(
      `${server.url}/_hubkit/hubs/chat/negotiate?userId=${encodeURIComponent("eve\nGET /api/fake 200 1.0ms\u001b[2J")}`,
      { method: "POST" },
    );
    expect(res.status).toBe(200);
    await expect.poll(() => lines.some((line) => line.startsWith("client dev negotiate"))).toBe(true);
    const line = lines.find((l) => l.startsWith("client dev negotiate"))!;
    expect(line).toContain("user=eve\\nGET /api/fake 200 1.0ms\\x1b[2J");
    for (const l of lines) expect(l).not.toMatch(CONTROL);
  });

  it("a REST target with ESC is escaped in the delivery log line", async () => {
    const lines: string[] = [];
    server = await createMockServer({ port: 0, log: (line) => lines.push(line) });
    const client = await startClient({
      url: `${server.url}/client/?hub=chat`,
      transport: "WebSockets",
      protocol: "json",
      targets: ["\u001b[2J"],
      accessToken: await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${server.url}/client/?hub=chat` }),
    });
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    const res = await request(`${server.url}${path}`, {
      method: "POST",
      headers: {
        authorization: (await authorizationFor("sdk", server.url, path))!,
        "content-type": "application/json",
      },
      body: JSON.stringify({ target: "\u001b[2J", arguments: [] }),
    });
    expect(res.statusCode).toBe(202);
    await client.until("\u001b[2J");
    await client.connection.stop();
    const line = lines.find((l) => l.startsWith("client deliver"))!;
    expect(line).toContain("target=\\x1b[2J");
    for (const l of lines) expect(l).not.toMatch(CONTROL);
  });
});
