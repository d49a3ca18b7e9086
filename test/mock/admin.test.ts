// The admin API under /_hubkit/: a token for the admin URL required, state, fixtures, reset, recorded messages.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signAccessToken, signBadToken } from "../../src/auth/index.js";
import { createMockHandler, type MockHandler } from "../../src/mock/index.js";
import { type Caller, supertestCaller } from "./callers.js";
import { CHAT } from "./rest-case.js";
import { authorizationFor, PRIMARY_KEY } from "./tokens.js";

let handler: MockHandler;
let caller: Caller;
let admin: string;

beforeEach(async () => {
  handler = createMockHandler({ fixture: CHAT });
  caller = supertestCaller(handler.listener);
  // One token for every admin route: the admin prefix as audience.
  admin = await adminBearer(`${caller.origin}/_hubkit/`);
});
afterEach(() => handler.close());

const adminBearer = async (audience: string, accessKey = PRIMARY_KEY) =>
  `Bearer ${await signAccessToken({ accessKey, audience })}`;

const json = (body: Buffer) => JSON.parse(body.toString("utf8"));

async function call(
  method: string,
  path: string,
  options: { body?: string; type?: string; auth?: string | null } = {},
) {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? admin : options.auth;
  if (auth !== null) headers.authorization = auth;
  if (options.type) headers["content-type"] = options.type;
  return caller.send({
    method,
    path,
    headers,
    ...(options.body === undefined ? {} : { body: Buffer.from(options.body) }),
  });
}

describe("admin auth", () => {
  it.each([
    ["GET", "/_hubkit/state"],
    ["POST", "/_hubkit/fixtures"],
    ["POST", "/_hubkit/reset"],
    ["GET", "/_hubkit/messages"],
  ])("%s %s without a token is 401 with an empty body and changes nothing", async (method, path) => {
    const res = await call(method, path, { auth: null, body: "reset: true", type: "application/yaml" });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toBe("Bearer");
    expect(res.body.length).toBe(0);
    expect(handler.store.connectionCount()).toBe(4 + 1);
  });

  it("a token signed with another key is refused", async () => {
    const bad = `Bearer ${await signBadToken("wrong-key", { accessKey: PRIMARY_KEY, audience: "http://localhost/_hubkit/state" })}`;
    const res = await call("GET", "/_hubkit/state", { auth: bad });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toMatch(/The signature is invalid/);
  });

  it("an expired token is refused", async () => {
    const res = await call("GET", "/_hubkit/state", {
      auth: await authorizationFor("expired", caller.origin, "/_hubkit/state"),
    });
    expect(res.status).toBe(401);
  });

  it.each([
    ["the admin prefix", "http://localhost/_hubkit/"],
    ["the admin prefix without its slash, with the port", "http://LOCALHOST:8888/_hubkit"],
    ["the exact route, query ignored", "http://localhost/_hubkit/reset?api-version=2022-06-01"],
    ["the exact route with a trailing slash", "HTTP://localhost/_hubkit/reset/"],
  ])("accepts a token whose aud is %s", async (_name, audience) => {
    const res = await call("POST", "/_hubkit/reset", { auth: await adminBearer(audience) });
    expect(res.status).toBe(204);
    expect(handler.store.connectionCount()).toBe(0);
  });

  it.each([
    ["any other URL", "https://anything.example/whatever"],
    ["a REST operation of this mock", "http://localhost/api/hubs/chat/:send?api-version=2022-06-01"],
    ["another admin route", "http://localhost/_hubkit/state"],
    ["the admin prefix on another host", "http://elsewhere.example/_hubkit/"],
    ["the admin prefix over https (this socket is http)", "https://localhost/_hubkit/"],
    ["a path that merely starts like the prefix", "http://localhost/_hubkitx/"],
  ])("refuses a token whose aud is %s, and changes nothing", async (_name, audience) => {
    const res = await call("POST", "/_hubkit/reset", { auth: await adminBearer(audience) });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toBe(
      'Bearer error="invalid_token", error_description="The audience is invalid"',
    );
    expect(handler.store.connectionCount()).toBe(4 + 1);
  });

  it("a client token from the no-credentials dev negotiate cannot reset the mock", async () => {
    const negotiate = await call("POST", "/_hubkit/hubs/chat/negotiate?userId=mallory", { auth: null });
    expect(negotiate.status).toBe(200);
    const { accessToken } = json(negotiate.body) as { accessToken: string };
    for (const [method, path] of [
      ["POST", "/_hubkit/reset"],
      ["GET", "/_hubkit/state"],
    ] as const) {
      const res = await call(method, path, { auth: `Bearer ${accessToken}` });
      expect(res.status).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/The audience is invalid/);
    }
    expect(handler.store.connectionCount()).toBe(4 + 1);
  });

  it("unknown admin routes are 404 and wrong methods 405, before auth", async () => {
    const missing = await call("GET", "/_hubkit/nothing", { auth: null });
    expect(missing.status).toBe(404);
    expect(json(missing.body).code).toBe("Error.Route.NotFound");
    const wrong = await call("GET", "/_hubkit/reset", { auth: null });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("POST");
    expect(json(wrong.body)).toMatchObject({ code: "Error.Method.NotAllowed" });
  });
});

describe("admin routes", () => {
  it("GET /_hubkit/state returns the snapshot", async () => {
    const res = await call("GET", "/_hubkit/state");
    expect(res.status).toBe(200);
    expect(json(res.body)).toEqual(JSON.parse(JSON.stringify(handler.store.snapshot())));
    expect(json(res.body).hubs.map((h: { name: string }) => h.name)).toEqual(["chat", "contoso_chat2"]);
  });

  it("POST /_hubkit/fixtures applies YAML and answers the summary and the new state", async () => {
    const res = await call("POST", "/_hubkit/fixtures", {
      type: "application/yaml",
      body: "hubs:\n  news:\n    connections: [{id: n1, user: zoe, groups: [front]}]\n",
    });
    expect(res.status).toBe(200);
    const body = json(res.body);
    expect(body.applied).toEqual({ hubs: 1, connections: 1, userGroups: 0 });
    expect(body.state.hubs.map((h: { name: string }) => h.name)).toContain("news");
    expect(handler.store.hasGroup("news", "front")).toBe(true);
  });

  it("POST /_hubkit/fixtures applies JSON", async () => {
    const res = await call("POST", "/_hubkit/fixtures", {
      type: "application/json",
      body: JSON.stringify({ reset: true, hubs: { chat: { userGroups: [{ user: "u", group: "g", ttl: 5 }] } } }),
    });
    expect(res.status).toBe(200);
    expect(handler.store.connectionCount()).toBe(0);
    expect(handler.store.isUserInGroup("chat", "u", "g")).toBe(true);
  });

  it("an invalid fixture is a 400 ErrorDetail listing each problem with line:col, and changes nothing", async () => {
    const res = await call("POST", "/_hubkit/fixtures", {
      type: "text/yaml",
      body: "reset: true\nhubs:\n  chat:\n    connections: ['']\n  bad-name: {}\n",
    });
    expect(res.status).toBe(400);
    expect(res.headers["x-ms-error-code"]).toBe("Error.Fixture.Invalid");
    const body = json(res.body);
    expect(body).toMatchObject({
      code: "Error.Fixture.Invalid",
      message: "2 problem(s) in request body",
      target: "fixture",
    });
    expect(body.details.map((d: { message: string }) => d.message)).toEqual([
      expect.stringMatching(/^request body:4:19: hubs\.chat\.connections\[0\]: expected a non-empty connection id/),
      expect.stringMatching(/^request body:5:3: hubs\.bad-name: invalid hub name/),
    ]);
    expect(handler.store.connectionCount()).toBe(5);
  });

  it("fixtures in another content type are a 415", async () => {
    const res = await call("POST", "/_hubkit/fixtures", { type: "text/html", body: "<p>" });
    expect(res.status).toBe(415);
    expect(json(res.body).code).toBe("Error.Request.UnsupportedMediaType");
  });

  it("POST /_hubkit/reset closes everything (204) and forgets recorded messages", async () => {
    handler.store.deliver(handler.store.hubConnections("chat"), "t", []);
    const res = await call("POST", "/_hubkit/reset");
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
    expect(handler.store.snapshot()).toEqual({ hubs: [] });
    expect(json((await call("GET", "/_hubkit/messages")).body)).toEqual({ connections: [] });
  });

  it("GET /_hubkit/messages shows what each virtual connection received and how it was closed", async () => {
    const send = await caller.send({
      method: "POST",
      path: "/api/hubs/chat/users/bob/:send?api-version=2022-06-01",
      headers: {
        authorization: (await authorizationFor(
          "sdk",
          caller.origin,
          "/api/hubs/chat/users/bob/:send?api-version=2022-06-01",
        ))!,
        "content-type": "application/json",
      },
      body: Buffer.from('{"target":"hello","arguments":["bob"]}'),
    });
    expect(send.status).toBe(202);
    handler.store.close(handler.store.userConnections("chat", "bob"), "done");

    const res = await call("GET", "/_hubkit/messages?hub=CHAT&connectionId=bob-1");
    expect(res.status).toBe(200);
    expect(json(res.body)).toEqual({
      connections: [
        {
          hub: "chat",
          connectionId: "bob-1",
          userId: "bob",
          connected: false,
          received: [{ target: "hello", arguments: ["bob"], at: expect.any(String) }],
          closed: { reason: "done", at: expect.any(String) },
        },
      ],
    });
    const all = json((await call("GET", "/_hubkit/messages?hub=chat")).body);
    expect(all.connections.map((c: { connectionId: string }) => c.connectionId)).toEqual([
      "alice-1",
      "alice-2",
      "bob-1",
      "anon-1",
    ]);
    expect(json((await call("GET", "/_hubkit/messages")).body).connections).toHaveLength(5);
  });
});
