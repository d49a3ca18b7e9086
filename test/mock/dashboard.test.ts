// The dashboard's server side in-process: page and assets, loopback sessions and key login, Origin checks, state,
// every action through the REST/admin code paths (with its curl line), and every error path.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DashboardAccess } from "../../src/mock/dashboard/access.js";
import { createMockHandler, type MockHandler, type MockOptions } from "../../src/mock/index.js";
import { type Caller, supertestCaller } from "./callers.js";
import { CHAT } from "./rest-case.js";
import { PRIMARY_KEY } from "./tokens.js";

const ORIGIN = "http://localhost:8888";

let handler: MockHandler;
let caller: Caller;
let cookie: string;

async function start(options: MockOptions = {}, origin = ORIGIN): Promise<void> {
  handler = createMockHandler({ fixture: CHAT, ...options });
  caller = supertestCaller(handler.listener, origin);
}

afterEach(() => handler.close());

const json = (body: Buffer) => JSON.parse(body.toString("utf8"));

async function call(
  method: string,
  path: string,
  options: { body?: unknown; origin?: string | null; cookie?: string | null; host?: string } = {},
) {
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? caller.origin : options.origin;
  if (origin !== null) headers.origin = origin;
  const jar = options.cookie === undefined ? cookie : options.cookie;
  if (jar) headers.cookie = jar;
  if (options.host) headers.host = options.host;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const body =
    options.body === undefined
      ? undefined
      : Buffer.from(typeof options.body === "string" ? options.body : JSON.stringify(options.body));
  return caller.send({ method, path, headers, ...(body ? { body } : {}) });
}

async function startSession(body: unknown = {}): Promise<string> {
  const res = await call("POST", "/_hubkit/dashboard/api/session", { body, cookie: null });
  expect(res.status, res.body.toString()).toBe(200);
  const set = res.headers["set-cookie"] ?? "";
  return set.split(";")[0]!;
}

const action = (name: string, body: unknown) => call("POST", `/_hubkit/dashboard/api/actions/${name}`, { body });
const received = (id: string) =>
  handler.virtualConnections.list({ connectionId: id })[0]?.received.map((m) => [m.target, m.arguments]);

describe("dashboard page and assets", () => {
  beforeEach(() => start());

  it("serves the page at /_hubkit/ without a token, with a strict CSP and no CORS", async () => {
    const res = await call("GET", "/_hubkit/", { origin: null, cookie: null });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body.toString()).toContain('<script type="module" src="dashboard/assets/app.js">');
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    // The page carries no key and no token.
    expect(res.body.toString()).not.toContain(PRIMARY_KEY);
  });

  it.each([
    ["app.js", /^text\/javascript/],
    ["style.css", /^text\/css/],
    ["icon.svg", /^image\/svg\+xml/],
  ])("serves the asset %s", async (name, type) => {
    const res = await call("GET", `/_hubkit/dashboard/assets/${name}`, { cookie: null });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(type);
    expect(res.body.length).toBeGreaterThan(50);
  });

  it("HEAD answers the headers only", async () => {
    const res = await call("HEAD", "/_hubkit/", { cookie: null });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
  });

  it.each(["/_hubkit", "/_hubkit/dashboard", "/_hubkit/dashboard/"])("%s redirects to /_hubkit/", async (path) => {
    const res = await call("GET", path, { cookie: null });
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe("/_hubkit/");
  });

  it.each([
    "/_hubkit/dashboard/assets/missing.js",
    "/_hubkit/dashboard/assets/../dashboard/index.ts",
    "/_hubkit/dashboard/assets/%2e%2e/index.ts",
    "/_hubkit/dashboard/nothing",
  ])("%s is a 404 with an ErrorDetail (no file outside the list is ever read)", async (path) => {
    const res = await call("GET", path, { cookie: null });
    expect(res.status).toBe(404);
    expect(res.headers["x-ms-error-code"]).toBe("Error.Route.NotFound");
    expect(json(res.body).message).toMatch(/The dashboard is at \/_hubkit\//);
  });

  it("POST on the page is a 405 naming the allowed methods", async () => {
    const res = await call("POST", "/_hubkit/", { cookie: null });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD");
  });

  it("the admin API under /_hubkit/ still needs its token", async () => {
    for (const [method, path] of [
      ["GET", "/_hubkit/state"],
      ["POST", "/_hubkit/reset"],
    ] as const) {
      const res = await call(method, path, { cookie: await startSession() });
      expect(res.status).toBe(401);
    }
    expect(handler.store.connectionCount()).toBe(5);
  });

  it("--no-dashboard (dashboard: false) leaves /_hubkit/ to the admin API's 404", async () => {
    await handler.close();
    await start({ dashboard: false });
    const res = await call("GET", "/_hubkit/", { cookie: null });
    expect(res.status).toBe(404);
    expect(json(res.body).message).toMatch(/No admin route/);
  });
});

describe("dashboard sessions on a loopback bind", () => {
  beforeEach(() => start());

  it("a loopback client gets an HttpOnly, SameSite=Strict session cookie; the API then answers", async () => {
    const res = await call("POST", "/_hubkit/dashboard/api/session", { body: {}, cookie: null });
    expect(res.status).toBe(200);
    expect(json(res.body)).toEqual({ session: true, loginRequired: false });
    expect(res.headers["set-cookie"]).toMatch(
      /^hubkit_dashboard=[\w-]{20,}; Path=\/_hubkit\/; HttpOnly; SameSite=Strict$/,
    );
    cookie = res.headers["set-cookie"]!.split(";")[0]!;
    expect(json((await call("GET", "/_hubkit/dashboard/api/session")).body)).toEqual({
      session: true,
      loginRequired: false,
    });
    expect((await call("GET", "/_hubkit/dashboard/api/state")).status).toBe(200);
  });

  it.each([
    ["no Origin", null],
    ["another site's Origin", "http://evil.example"],
    ["the mock's origin over another scheme", "https://localhost:8888"],
  ])("a session request with %s is refused (403)", async (_name, origin) => {
    const res = await call("POST", "/_hubkit/dashboard/api/session", { body: {}, origin, cookie: null });
    expect(res.status).toBe(403);
    expect(json(res.body)).toMatchObject({ code: "Dashboard.OriginRefused", target: "Origin" });
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  it("a page reached by another host name (DNS rebinding) gets no session", async () => {
    await handler.close();
    await start({}, "http://rebound.example:8888");
    // The mock's Host check answers first on a loopback bind.
    const refused = await call("POST", "/_hubkit/dashboard/api/session", { body: {}, cookie: null });
    expect(refused.status).toBe(400);
    expect(json(refused.body)).toMatchObject({ code: "Error.Request.HostNotAllowed" });
    // A name allowed for REST (--allowed-host) still gets no dashboard session: only loopback names do.
    await handler.close();
    await start({ allowedHosts: ["rebound.example"] }, "http://rebound.example:8888");
    const res = await call("POST", "/_hubkit/dashboard/api/session", { body: {}, cookie: null });
    expect(res.status).toBe(403);
    expect(json(res.body)).toMatchObject({ code: "Dashboard.NotLoopback" });
  });

  it("sessions are issued only to loopback peers", () => {
    const access = new DashboardAccess({ accessKeys: [PRIMARY_KEY], requireLogin: false });
    const headers: Record<string, string> = {};
    const res = {
      setHeader(name: string, value: string) {
        headers[name] = value;
      },
    };
    const req = (remoteAddress: string) =>
      ({ socket: { remoteAddress }, headers: { host: "localhost:8888" } }) as never;
    expect(access.grant(req("192.168.1.20"), res as never, undefined)).toMatchObject({
      ok: false,
      error: "dashboardNotLoopback",
    });
    expect(headers["Set-Cookie"]).toBeUndefined();
    expect(access.grant(req("::ffff:127.0.0.1"), res as never, undefined)).toEqual({ ok: true });
    expect(headers["Set-Cookie"]).toMatch(/^hubkit_dashboard=/);
  });

  it.each([
    ["GET", "/_hubkit/dashboard/api/state"],
    ["GET", "/_hubkit/dashboard/api/events"],
    ["POST", "/_hubkit/dashboard/api/actions/reset"],
  ])("%s %s without a session is 401 Dashboard.SessionRequired and changes nothing", async (method, path) => {
    for (const jar of [null, "hubkit_dashboard=forged-session-token"]) {
      const res = await call(method, path, { body: {}, cookie: jar });
      expect(res.status).toBe(401);
      expect(json(res.body)).toMatchObject({ code: "Dashboard.SessionRequired", target: "session" });
    }
    expect(handler.store.connectionCount()).toBe(5);
  });

  it("a session request with a body that is not JSON is a 400", async () => {
    const res = await call("POST", "/_hubkit/dashboard/api/session", { body: "{", cookie: null });
    expect(res.status).toBe(400);
    expect(json(res.body)).toMatchObject({ code: "Error.Request.Invalid", target: "body" });
  });
});

describe("dashboard login on a non-loopback bind", () => {
  beforeEach(() => start({ dashboardLogin: true, accessKeys: ["the-users-own-key-0123456789", PRIMARY_KEY] }));

  it("asks for the key, refuses a wrong one, accepts any accepted key once", async () => {
    const none = await call("POST", "/_hubkit/dashboard/api/session", { body: {}, cookie: null });
    expect(none.status).toBe(401);
    expect(json(none.body)).toMatchObject({ code: "Dashboard.LoginRequired", target: "accessKey" });
    const wrong = await call("POST", "/_hubkit/dashboard/api/session", { body: { accessKey: "nope" }, cookie: null });
    expect(wrong.status).toBe(401);
    expect(json(wrong.body)).toMatchObject({ code: "Dashboard.LoginFailed" });
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    expect(json((await call("GET", "/_hubkit/dashboard/api/session", { cookie: null })).body)).toEqual({
      session: false,
      loginRequired: true,
    });
    cookie = await startSession({ accessKey: PRIMARY_KEY });
    expect((await call("GET", "/_hubkit/dashboard/api/state")).status).toBe(200);
  });

  it("curl lines name the key by variable, never by value", async () => {
    cookie = await startSession({ accessKey: "the-users-own-key-0123456789" });
    const res = await action("send", { hub: "chat", to: "all", target: "t", arguments: "[]" });
    const text = res.body.toString();
    expect(text).toContain('--access-key \\"$HUBKIT_ACCESS_KEY\\"');
    expect(text).not.toContain("the-users-own-key");
    expect(text).not.toContain(PRIMARY_KEY);
  });
});

describe("dashboard state", () => {
  beforeEach(async () => {
    await start();
    cookie = await startSession();
  });

  it("lists hubs with counts, connections with their details, groups and user-group pairs", async () => {
    const state = json((await call("GET", "/_hubkit/dashboard/api/state")).body);
    expect(state.hubs).toContainEqual({
      name: "chat",
      connections: 4,
      live: 0,
      virtual: 4,
      groups: 2,
      userGroups: 1,
    });
    expect(state.hubs).toContainEqual(expect.objectContaining({ name: "contoso_chat2", connections: 1 }));
    expect(state.connections).toContainEqual({
      hub: "chat",
      id: "bob-1",
      userId: "bob",
      kind: "virtual",
      transport: "virtual",
      groups: ["lobby", "vip"],
      connectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      messagesIn: 0,
      messagesOut: 0,
    });
    expect(state.groups).toContainEqual({ hub: "chat", group: "lobby", connections: 3 });
    expect(state.userGroups).toContainEqual(
      expect.objectContaining({ hub: "chat", user: "carol", group: "vip", withoutTtl: true }),
    );
    expect(state.unlisted).toBe(0);
    expect(Date.parse(state.now)).not.toBeNaN();
  });

  it("counts what each connection was sent", async () => {
    await action("send", { hub: "chat", to: "group", name: "lobby", target: "t", arguments: "[1]" });
    await action("send", { hub: "chat", to: "user", name: "bob", target: "t", arguments: "[2]" });
    const state = json((await call("GET", "/_hubkit/dashboard/api/state")).body);
    const out = (id: string) => state.connections.find((c: { id: string }) => c.id === id).messagesOut;
    expect([out("bob-1"), out("alice-1"), out("anon-1")]).toEqual([2, 1, 0]);
  });

  it("a wrong method on the state is a 405", async () => {
    const res = await call("POST", "/_hubkit/dashboard/api/state", { body: {} });
    expect(res.status).toBe(405);
  });
});

describe("dashboard delivery counts", () => {
  beforeEach(() => start());

  it("start with the first session: a mock nobody watches does no counting", async () => {
    const bob = handler.store.connection("chat", "bob-1")!;
    handler.store.deliver([bob], "before", []);
    cookie = await startSession();
    handler.store.deliver([bob], "after", []);
    const state = json((await call("GET", "/_hubkit/dashboard/api/state")).body);
    expect(state.connections.find((c: { id: string }) => c.id === "bob-1").messagesOut).toBe(1);
  });
});

describe("dashboard actions", () => {
  beforeEach(async () => {
    await start();
    cookie = await startSession();
  });

  it("send to a connection goes through the REST operation and shows its curl line", async () => {
    const res = await action("send", {
      hub: "chat",
      to: "connection",
      name: "alice-1",
      target: "newMessage",
      arguments: '["hi", {"n": 1}]',
    });
    expect(res.status).toBe(200);
    const body = json(res.body);
    expect(body).toMatchObject({ ok: true, status: 202, summary: "Sent 'newMessage' to connection alice-1 (202)" });
    expect(body.curl).toBe(
      [
        "curl -i -X POST 'http://localhost:8888/api/hubs/chat/connections/alice-1/:send?api-version=2022-06-01'",
        `  -H "Authorization: Bearer $(npx hubkit token 'http://localhost:8888/api/hubs/chat/connections/alice-1/:send?api-version=2022-06-01')"`,
        "  -H 'Content-Type: application/json'",
        `  --data-binary '{"target":"newMessage","arguments":["hi",{"n":1}]}'`,
      ].join(" \\\n"),
    );
    expect(received("alice-1")).toEqual([["newMessage", ["hi", { n: 1 }]]]);
    expect(received("alice-2")).toEqual([]);
  });

  it.each([
    ["all", undefined, ["alice-1", "alice-2", "bob-1", "anon-1"]],
    ["user", "alice", ["alice-1", "alice-2"]],
    ["group", "vip", ["bob-1"]],
  ])("send to %s %s reaches exactly its recipients", async (to, name, ids) => {
    const res = await action("send", { hub: "chat", to, name, target: "t", arguments: "" });
    expect(json(res.body)).toMatchObject({ ok: true, status: 202 });
    for (const id of ["alice-1", "alice-2", "bob-1", "anon-1"]) {
      expect(received(id), id).toEqual(ids.includes(id) ? [["t", []]] : []);
    }
  });

  it("an application hub is addressed like REST (application query, effective name)", async () => {
    const res = await action("send", { hub: "chat2", application: "contoso", to: "all", target: "t" });
    expect(json(res.body).curl).toContain("application=contoso");
    expect(received("app-1")).toEqual([["t", []]]);
  });

  it("a quote in a value is safe in the curl line", async () => {
    const res = await action("send", { hub: "chat", to: "all", target: "it's", arguments: '["a\'b"]' });
    expect(json(res.body).curl).toContain(`--data-binary '{"target":"it'\\''s","arguments":["a'\\''b"]}'`);
  });

  it.each([
    ["not JSON", "[1,", /^Arguments are not valid JSON: .+ Example: \["hello", 42\]$/],
    ["not an array", '{"a":1}', /^Arguments must be a JSON array \(one element per argument\), found object/],
  ])("arguments that are %s are a 400 on the arguments field; nothing is sent", async (_name, args, message) => {
    const res = await action("send", { hub: "chat", to: "all", target: "t", arguments: args });
    expect(res.status).toBe(400);
    expect(json(res.body)).toMatchObject({
      ok: false,
      status: 400,
      error: { code: "Dashboard.InvalidInput", target: "arguments", message: expect.stringMatching(message) },
    });
    expect(received("alice-1")).toEqual([]);
  });

  it("a hub name that breaks the rule gets REST's own validation answer", async () => {
    const res = await action("send", { hub: "my-hub", to: "all", target: "t" });
    expect(res.status).toBe(400);
    const body = json(res.body);
    expect(body.error).toMatchObject({ code: "Error.Request.Invalid", target: "hub" });
    expect(body.error.message).toMatch(/Invalid hub name/);
    expect(body.curl).toContain("/api/hubs/my-hub/:send");
  });

  it("a missing target gets REST's body validation answer", async () => {
    const res = await action("send", { hub: "chat", to: "all", arguments: "[]" });
    expect(res.status).toBe(400);
    expect(json(res.body).error).toMatchObject({ target: "message.target", message: "The Target field is required." });
  });

  it.each([
    [{ to: "all", target: "t" }, "hub", "hub is required."],
    [
      { hub: "chat", to: "everyone", target: "t" },
      "to",
      "to must be one of all, user, group, connection; found 'everyone'.",
    ],
    [{ hub: "chat", to: "user", target: "t" }, "name", "name is required."],
    [{ hub: 7, to: "all" }, "hub", "hub must be a string, found number."],
  ])("form input %j is a 400 naming the field", async (input, target, message) => {
    const res = await action("send", input);
    expect(res.status).toBe(400);
    expect(json(res.body).error).toEqual({ code: "Dashboard.InvalidInput", target, message });
  });

  it("adds and removes a connection to and from a group; removing a non-member is REST's 404", async () => {
    const add = await action("add-to-group", { hub: "chat", member: "connection", id: "anon-1", group: "vip" });
    expect(json(add.body)).toMatchObject({ ok: true, status: 200 });
    expect(json(add.body).curl).toMatch(
      /^curl -i -X PUT 'http:\/\/localhost:8888\/api\/hubs\/chat\/groups\/vip\/connections\/anon-1\?/,
    );
    expect(handler.store.connection("chat", "anon-1")?.groups.has("vip")).toBe(true);
    const remove = await action("remove-from-group", { hub: "chat", member: "connection", id: "anon-1", group: "vip" });
    expect(json(remove.body)).toMatchObject({ ok: true, status: 200 });
    expect(handler.store.connection("chat", "anon-1")?.groups.has("vip")).toBe(false);
    const again = await action("remove-from-group", { hub: "chat", member: "connection", id: "anon-1", group: "vip" });
    expect(again.status).toBe(404);
    expect(json(again.body).error.code).toBe("Info.Connection.NotInGroup");
  });

  it("adds a user to a group with a ttl, then removes the pair", async () => {
    const add = await action("add-to-group", { hub: "chat", member: "user", id: "dave", group: "ops", ttl: "60" });
    expect(json(add.body)).toMatchObject({ ok: true, status: 200 });
    expect(json(add.body).curl).toContain("ttl=60");
    const pairs = json((await call("GET", "/_hubkit/dashboard/api/state")).body).userGroups;
    expect(pairs).toContainEqual(expect.objectContaining({ user: "dave", group: "ops", withoutTtl: false }));
    const remove = await action("remove-from-group", { hub: "chat", member: "user", id: "dave", group: "ops" });
    expect(json(remove.body)).toMatchObject({ ok: true, status: 204 });
    expect(handler.store.isUserInGroup("chat", "dave", "ops")).toBe(false);
  });

  it("a bad ttl gets REST's validation answer on the ttl field", async () => {
    const res = await action("add-to-group", { hub: "chat", member: "user", id: "dave", group: "ops", ttl: "soon" });
    expect(res.status).toBe(400);
    expect(json(res.body).error.target).toBe("ttl");
  });

  it("closes a connection with a reason (a Close message), like DELETE .../connections/{id}", async () => {
    const res = await action("close", { hub: "chat", connectionId: "bob-1", reason: "bye now" });
    expect(json(res.body)).toMatchObject({ ok: true, status: 200 });
    expect(json(res.body).curl).toContain("reason=bye%20now");
    expect(handler.store.connection("chat", "bob-1")).toBeUndefined();
    expect(handler.virtualConnections.list({ connectionId: "bob-1" })[0]?.closed?.reason).toBe("bye now");
  });

  it("closing an unknown connection is REST's 404", async () => {
    const res = await action("close", { hub: "chat", connectionId: "ghost" });
    expect(res.status).toBe(404);
    expect(json(res.body).error.code).toBe("Warning.Connection.NotExisted");
  });

  it("drops a connection without a Close message; an unknown one is a 404", async () => {
    const res = await action("drop", { hub: "chat", connectionId: "alice-2" });
    expect(json(res.body)).toMatchObject({
      ok: true,
      status: 200,
      note: expect.stringMatching(/No REST or admin equivalent/),
    });
    expect(handler.store.connection("chat", "alice-2")).toBeUndefined();
    expect(handler.virtualConnections.list({ connectionId: "alice-2" })[0]?.closed).toBeUndefined();
    const missing = await action("drop", { hub: "chat", connectionId: "alice-2" });
    expect(missing.status).toBe(404);
    expect(json(missing.body).error).toMatchObject({ code: "Warning.Connection.NotExisted", target: "connectionId" });
  });

  it("applies a fixture like POST /_hubkit/fixtures", async () => {
    const yaml = "hubs:\n  news:\n    connections:\n      - id: n-1\n        user: zoe\n";
    const res = await action("fixture", { yaml });
    expect(json(res.body)).toMatchObject({ ok: true, status: 200 });
    expect(json(res.body).curl).toContain("'http://localhost:8888/_hubkit/fixtures'");
    expect(json(res.body).curl).toContain("$(npx hubkit token 'http://localhost:8888/_hubkit/')");
    expect(handler.store.connection("news", "n-1")?.userId).toBe("zoe");
  });

  it.each([
    ["a YAML syntax error", "hubs:\n  chat: [\n", /YAML syntax error/],
    ["a field of the wrong type", "hubs:\n  chat:\n    connections: 7\n", /connections/],
  ])("a fixture with %s is a 400 with line and column; nothing changes", async (_name, yaml, message) => {
    const res = await action("fixture", { yaml });
    expect(res.status).toBe(400);
    const error = json(res.body).error;
    expect(error).toMatchObject({ code: "Error.Fixture.Invalid", target: "yaml" });
    expect(error.details[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect(error.details[0].message).toMatch(message);
    expect(error.details[0].line).toBeGreaterThanOrEqual(2);
    expect(handler.store.connectionCount()).toBe(5);
  });

  it("a missing fixture is a 400 on the yaml field", async () => {
    const res = await action("fixture", {});
    expect(json(res.body).error).toMatchObject({ target: "yaml", message: "yaml is required." });
  });

  it("resets the state like POST /_hubkit/reset", async () => {
    const res = await action("reset", {});
    expect(json(res.body)).toMatchObject({ ok: true, status: 204 });
    expect(json(res.body).curl).toContain("'http://localhost:8888/_hubkit/reset'");
    expect(handler.store.connectionCount()).toBe(0);
  });

  it("every action is recorded in the event stream", async () => {
    const seen: string[] = [];
    const stop = handler.events.subscribe((e) => {
      if (e.kind === "admin" || e.kind === "fault") seen.push(e.summary);
    });
    await action("send", { hub: "chat", to: "all", target: "t" });
    await action("drop", { hub: "chat", connectionId: "anon-1" });
    await action("reset", {});
    stop();
    expect(seen).toEqual([
      "dashboard: POST /api/hubs/chat/:send -> 202",
      "dashboard: dropped anon-1",
      "dashboard: state reset",
    ]);
  });

  it("an unknown action is a 404, GET on an action a 405", async () => {
    expect((await action("explode", {})).status).toBe(404);
    expect((await call("GET", "/_hubkit/dashboard/api/actions/send")).status).toBe(405);
  });

  it.each([
    ["not JSON", "{", 400, "Error.Request.Invalid"],
    ["an array", "[]", 400, "Dashboard.InvalidInput"],
  ])("an action body that is %s is a 400", async (_name, body, status, code) => {
    const res = await call("POST", "/_hubkit/dashboard/api/actions/send", { body });
    expect(res.status).toBe(status);
    const parsed = json(res.body);
    expect(parsed.code ?? parsed.error.code).toBe(code);
  });

  it("an action from another origin is refused before anything happens", async () => {
    const res = await call("POST", "/_hubkit/dashboard/api/actions/reset", { body: {}, origin: "http://evil.example" });
    expect(res.status).toBe(403);
    expect(handler.store.connectionCount()).toBe(5);
  });
});
