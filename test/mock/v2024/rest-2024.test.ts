// The operations added after 2022-06-01, in-process with supertest: group member pages, tokens, :execute, streams.
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createTokenVerifier, signAccessToken } from "../../../src/auth/index.js";
import { createMockHandler, type MockHandler, type MockOptions } from "../../../src/mock/index.js";
import { authorizationFor, PRIMARY_KEY } from "../tokens.js";

let handler: MockHandler | undefined;
afterEach(async () => {
  await handler?.close();
  handler = undefined;
});

function start(options: MockOptions = {}): MockHandler {
  handler = createMockHandler({ accessKeys: [PRIMARY_KEY], ...options });
  return handler;
}

const ORIGIN = "http://127.0.0.1";

/** A call signed as the newer SDK signs: aud = scheme + host + port + path. */
async function call(method: "get" | "post", pathAndQuery: string, body?: unknown) {
  const h = handler!;
  const auth = await authorizationFor("docs", ORIGIN, pathAndQuery);
  let req = request(h.listener)[method](pathAndQuery).set("host", "127.0.0.1").set("authorization", auth!);
  if (body !== undefined) req = req.set("content-type", "application/json").send(JSON.stringify(body));
  return req;
}

function seedGroup(size: number, group = "room") {
  const connections = Array.from({ length: size }, (_, i) => ({
    id: `c${String(i).padStart(4, "0")}`,
    user: `u${i % 7}`,
    groups: [group],
  }));
  return { hubs: { chat: { connections } } };
}

describe("ListConnectionsInGroup", () => {
  it("lists 450 members in three pages through absolute nextLinks, each member once, in a stable order", async () => {
    start({ fixture: seedGroup(450) });
    const seen: string[] = [];
    let next: string | undefined = "/api/hubs/chat/groups/room/connections?api-version=2024-12-01&maxPageSize=200";
    let pages = 0;
    while (next) {
      const res = await call("get", next);
      expect(res.status).toBe(200);
      pages++;
      seen.push(...res.body.value.map((m: { connectionId: string }) => m.connectionId));
      expect(res.body.value[0]).toHaveProperty("userId");
      const link: string | undefined = res.body.nextLink;
      if (link) expect(link.startsWith("http://127.0.0.1/api/hubs/chat/groups/room/connections?")).toBe(true);
      next = link ? link.slice(ORIGIN.length) : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(450);
    expect(new Set(seen).size).toBe(450);
    expect(seen).toEqual([...seen].sort());
  });

  it("keeps pages consistent while members join and leave, and honours top across pages", async () => {
    const h = start({ fixture: seedGroup(10) });
    const first = await call(
      "get",
      "/api/hubs/chat/groups/room/connections?api-version=2024-12-01&maxpagesize=4&top=9",
    );
    expect(first.body.value.map((m: { connectionId: string }) => m.connectionId)).toEqual([
      "c0000",
      "c0001",
      "c0002",
      "c0003",
    ]);
    // c0001 (already listed) leaves, c0005 (not yet listed) leaves, c0000a joins before the cursor: none repeats.
    h.store.removeConnectionFromGroup("chat", "room", "c0001");
    h.store.removeConnectionFromGroup("chat", "room", "c0005");
    const second = await call("get", first.body.nextLink.slice(ORIGIN.length));
    expect(second.body.value.map((m: { connectionId: string }) => m.connectionId)).toEqual([
      "c0004",
      "c0006",
      "c0007",
      "c0008",
    ]);
    const third = await call("get", second.body.nextLink.slice(ORIGIN.length));
    expect(third.body.value.map((m: { connectionId: string }) => m.connectionId)).toEqual(["c0009"]);
    expect(third.body.nextLink).toBeUndefined();
  });

  it("answers an empty list for an unknown group", async () => {
    start();
    const res = await call("get", "/api/hubs/chat/groups/nobody/connections?api-version=2022-06-01");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ value: [] });
  });

  it.each([
    ["maxpagesize=0", "maxpagesize"],
    ["maxPageSize=201", "maxpagesize"],
    ["top=0", "top"],
    ["top=abc", "top"],
    ["continuationToken=abc", "continuationToken"],
    ["continuationToken=eyJ4IjoxfQ.AAAA", "continuationToken"],
  ])("refuses %s with a 400 naming %s", async (q, target) => {
    start({ fixture: seedGroup(3) });
    const res = await call("get", `/api/hubs/chat/groups/room/connections?api-version=2024-12-01&${q}`);
    expect(res.status).toBe(400);
    expect(res.body.target).toBe(target);
    expect(res.headers["x-ms-error-code"]).toBe(res.body.code);
  });

  it("refuses an expired token, and a token of another group's list", async () => {
    // The real time: the verifier refuses tokens not valid yet by the mock's clock (the SDK signs with the real one).
    let now = Date.now();
    start({ fixture: seedGroup(5), clock: { now: () => now } });
    const first = await call("get", "/api/hubs/chat/groups/room/connections?api-version=2024-12-01&maxpagesize=2");
    const token = new URL(first.body.nextLink).searchParams.get("continuationToken")!;
    const other = await call(
      "get",
      `/api/hubs/chat/groups/other/connections?api-version=2024-12-01&continuationToken=${encodeURIComponent(token)}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.message).toMatch(/another group/);
    now += 2 * 60 * 60 * 1000;
    // The request's own token is signed at the mock's time, so only the continuation token has expired.
    const path = first.body.nextLink.slice(ORIGIN.length);
    const audience = `${ORIGIN}${path.slice(0, path.indexOf("?"))}`;
    const token2 = await signAccessToken({ accessKey: PRIMARY_KEY, audience, now: { now: () => now } });
    const expired = await request(handler!.listener)
      .get(path)
      .set("host", "127.0.0.1")
      .set("authorization", `Bearer ${token2}`);
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ code: "Error.ContinuationToken.Invalid", target: "continuationToken" });
    expect(expired.body.message).toMatch(/expired/);
  });
});

describe("GenerateClientToken and GetAccessKey", () => {
  it("signs a client token for the hub's client audience with the user and lifetime asked for", async () => {
    const h = start();
    const res = await call(
      "post",
      "/api/hubs/Chat/:generateToken?api-version=2024-12-01&userId=alice&minutesToExpire=5",
    );
    expect(res.status).toBe(200);
    const token: string = res.body.token;
    const verifier = createTokenVerifier({ accessKeys: [PRIMARY_KEY] });
    const auth = verifier.verifyClient(token, { scheme: "http", host: "127.0.0.1:9999", hub: "chat" });
    expect(auth).toMatchObject({ ok: true, userId: "alice" });
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
    expect(claims.exp - claims.iat).toBe(300);
    expect(h).toBeDefined();
  });

  it("defaults to 60 minutes and refuses minutesToExpire below 1", async () => {
    start();
    const ok = await call("post", "/api/hubs/chat/:generateToken?api-version=2024-12-01");
    const claims = JSON.parse(Buffer.from(ok.body.token.split(".")[1], "base64url").toString());
    expect(claims.exp - claims.iat).toBe(3600);
    const bad = await call("post", "/api/hubs/chat/:generateToken?api-version=2024-12-01&minutesToExpire=0");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "Error.Request.Invalid", target: "minutesToExpire" });
  });

  it("hands out the access key with a stable id", async () => {
    start();
    const res = await call("get", "/api/auth/accessKey?api-version=2024-12-01");
    expect(res.status).toBe(200);
    expect(res.body.AccessKey).toBe(PRIMARY_KEY);
    expect(res.body.KeyId).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe(":execute", () => {
  const fixture = {
    hubs: {
      chat: {
        connections: [
          { id: "a1", user: "listener-1", groups: ["g"] },
          { id: "a2", user: "listener-2" },
          { id: "b1", user: "talker" },
        ],
      },
    },
  };

  it("applies the commands to the connections the filter selects", async () => {
    const h = start({ fixture });
    const res = await call(
      "post",
      `/api/hubs/chat/:execute?api-version=2024-12-01&filter=${encodeURIComponent("startswith(userId, 'listener-')")}`,
      [
        { type: "SendMessage", message: { target: "hello", arguments: [1] } },
        { type: "JoinGroup", group: "listeners" },
      ],
    );
    expect(res.status).toBe(202);
    const received = (id: string) =>
      h.virtualConnections.list({ hub: "chat", connectionId: id })[0]?.received.map((m) => m.target);
    expect(received("a1")).toEqual(["hello"]);
    expect(received("b1")).toEqual([]);
    expect(
      h.store
        .groupConnections("chat", "listeners")
        .map((c) => c.id)
        .sort(),
    ).toEqual(["a1", "a2"]);
  });

  it("changes nothing when one command is invalid (unknown type, extra property)", async () => {
    const h = start({ fixture });
    const unknown = await call("post", "/api/hubs/chat/:execute?api-version=2024-12-01", [
      { type: "JoinGroup", group: "x" },
      { type: "Explode" },
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: "Error.Command.Invalid", target: "commands[1].type" });
    const extra = await call("post", "/api/hubs/chat/:execute?api-version=2024-12-01", [
      { type: "JoinGroup", group: "x", ttl: 5 },
    ]);
    expect(extra.status).toBe(400);
    expect(extra.body.target).toBe("commands[0].ttl");
    expect(h.store.hasGroup("chat", "x")).toBe(false);
  });

  it("names the position of a filter that does not parse", async () => {
    start({ fixture });
    const res = await call(
      "post",
      `/api/hubs/chat/:execute?api-version=2024-12-01&filter=${encodeURIComponent("userId eq")}`,
      [{ type: "CloseConnection" }],
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "Error.Filter.Invalid", target: "filter" });
    expect(res.body.message).toMatch(/position 10/);
  });
});

describe("streams and versions", () => {
  it("answers stream :send and :complete (error= accepted) with a documented 404", async () => {
    start({ fixture: { hubs: { chat: { connections: ["c1"] } } } });
    const send = await call(
      "post",
      "/api/hubs/chat/connections/c1/streams/s1/:send?api-version=2022-06-01&completed=true",
    );
    expect(send.status).toBe(404);
    expect(send.body).toMatchObject({ code: "Error.Stream.NotExisted", target: "streamId" });
    const complete = await call(
      "post",
      "/api/hubs/chat/connections/nope/streams/s1/:complete?api-version=2022-06-01&error=x",
    );
    expect(complete.status).toBe(404);
    expect(complete.body.target).toBe("connectionId");
  });

  it("serves new operations under 2022-06-01 unless strict versions are on", async () => {
    start({ strictVersions: true });
    const old = await call("get", "/api/hubs/chat/groups/room/connections?api-version=2022-06-01");
    expect(old.status).toBe(400);
    expect(old.body).toMatchObject({ code: "UnsupportedApiVersionValue", target: "api-version" });
    const current = await call("get", "/api/hubs/chat/groups/room/connections?api-version=2024-12-01");
    expect(current.status).toBe(200);
  });
});

describe("invokeResults in state files", () => {
  it("refuses an answer that is neither {result} nor {error: text}, naming where", async () => {
    const { parseFixture } = await import("../../../src/mock/index.js");
    const { loadSpec } = await import("../../../src/spec/index.js");
    const text =
      "hubs:\n  chat:\n    connections:\n      - id: v1\n        invokeResults:\n          A: { result: 1, error: x }\n          B: { error: '' }\n";
    let messages: string[] = [];
    try {
      parseFixture(text, "s.yaml", loadSpec());
    } catch (error) {
      messages = (error as { problems: Array<{ message: string }> }).problems.map((e) => e.message);
    }
    expect(messages.join("\n")).toMatch(/invokeResults\.A: expected exactly one of `result:`/);
    expect(messages.join("\n")).toMatch(/invokeResults\.B\.error/);
  });
});
