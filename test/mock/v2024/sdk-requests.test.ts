// What a current Management SDK sends (beyond-2022-06-01 §1.4), on a real socket with a port: newer operations
// under api-version 2022-06-01, `maxPageSize` in camel case, `nextLink` followed verbatim, `error=` on `:complete`,
// and tokens whose aud is the request URL's scheme + host + port + path (AccessTokenHttpMessageHandler).
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signAccessToken } from "../../../src/auth/index.js";
import { createMockServer, type MockServer } from "../../../src/mock/index.js";
import { PRIMARY_KEY } from "../tokens.js";

let server: MockServer;
beforeAll(async () => {
  const members = Array.from({ length: 250 }, (_, i) => ({ id: `m${String(i).padStart(3, "0")}`, groups: ["room"] }));
  server = await createMockServer({
    port: 0,
    accessKeys: [PRIMARY_KEY],
    fixture: {
      hubs: { chat: { connections: [...members, { id: "v1", user: "alice", invokeResults: { Ask: { result: 7 } } }] } },
    },
  });
});
afterAll(() => server.close());

/** A request as the SDK sends it: the URL as given, the token signed for that URL's left part (port kept). */
async function sdk(method: "GET" | "POST", url: string, body?: unknown) {
  const parsed = new URL(url);
  const token = await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${parsed.origin}${parsed.pathname}` });
  const response = await request(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe("a current Management SDK's requests against the mock", () => {
  it("lists a group with maxPageSize under 2022-06-01 and follows the nextLink verbatim to the end", async () => {
    expect(new URL(server.url).port).not.toBe("");
    const ids: string[] = [];
    let url: string | undefined =
      `${server.url}/api/hubs/chat/groups/room/connections?api-version=2022-06-01&maxPageSize=100`;
    let pages = 0;
    while (url) {
      const page = await sdk("GET", url);
      expect(page.status).toBe(200);
      ids.push(...page.body.value.map((m: { connectionId: string }) => m.connectionId));
      url = page.body.nextLink;
      if (url) expect(url.startsWith(`${server.url}/api/hubs/chat/groups/room/connections?`)).toBe(true);
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  });

  it("answers :generateToken, :invoke (X-Protocol), :execute, accessKey and a classic send, all under 2022-06-01", async () => {
    const base = `${server.url}/api/hubs/chat`;
    const token = await sdk("POST", `${base}/:generateToken?api-version=2022-06-01&userId=bob&minutesToExpire=5`);
    expect(token.status).toBe(200);
    expect(typeof token.body.token).toBe("string");
    const invoked = await sdk("POST", `${base}/connections/v1/:invoke?api-version=2022-06-01`, {
      target: "Ask",
      arguments: [],
    });
    expect(invoked).toMatchObject({ status: 200, body: { result: 7 } });
    expect(invoked.headers["x-protocol"]).toBe("json");
    const filter = encodeURIComponent("userId eq 'alice'");
    const executed = await sdk("POST", `${base}/:execute?api-version=2022-06-01&filter=${filter}`, [
      { type: "JoinGroup", group: "vip" },
    ]);
    expect(executed.status).toBe(202);
    const key = await sdk("GET", `${server.url}/api/auth/accessKey?api-version=2022-06-01`);
    expect(key.status).toBe(200);
    expect(key.body.AccessKey).toBe(PRIMARY_KEY);
    const sent = await sdk("POST", `${base}/:send?api-version=2022-06-01`, { target: "t", arguments: [] });
    expect(sent.status).toBe(202);
  });

  it("accepts error= on a stream :complete (answered with the documented 404, the mock holds no streams)", async () => {
    const completed = await sdk(
      "POST",
      `${server.url}/api/hubs/chat/connections/v1/streams/s1/:complete?api-version=2022-06-01&error=cancelled`,
    );
    expect(completed.status).toBe(404);
    expect(completed.body).toMatchObject({ code: "Error.Stream.NotExisted", target: "streamId" });
  });
});
