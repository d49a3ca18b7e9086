// REST `:invoke` answered by real @microsoft/signalr clients (JSON and MessagePack) that got their token from
// `:generateToken`; every failure an ErrorDetail with a stable code.
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";
import { afterEach, describe, expect, it } from "vitest";
import { signAccessToken } from "../../../src/auth/index.js";
import { createMockServer, type MockServer } from "../../../src/mock/index.js";
import { authorizationFor, PRIMARY_KEY } from "../tokens.js";

let server: MockServer | undefined;
const clients: signalR.HubConnection[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  await server?.close();
  server = undefined;
});

async function rest(method: string, pathAndQuery: string, body?: unknown) {
  const auth = await authorizationFor("docs", server!.url, pathAndQuery);
  const res = await fetch(`${server!.url}${pathAndQuery}`, {
    method,
    headers: { authorization: auth!, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function connect(protocol: "json" | "messagepack", setup: (c: signalR.HubConnection) => void) {
  const { body } = await rest("POST", "/api/hubs/chat/:generateToken?api-version=2024-12-01&userId=alice");
  let builder = new signalR.HubConnectionBuilder()
    .withUrl(`${server!.url}/client/?hub=chat`, { accessTokenFactory: () => body.token })
    .configureLogging(signalR.LogLevel.None);
  if (protocol === "messagepack") builder = builder.withHubProtocol(new MessagePackHubProtocol());
  const connection = builder.build();
  setup(connection);
  clients.push(connection);
  await connection.start();
  return connection;
}

const invoke = (id: string, target: string, args: unknown[] = []) =>
  rest("POST", `/api/hubs/chat/connections/${id}/:invoke?api-version=2024-12-01`, { target, arguments: args });

describe.each(["json", "messagepack"] as const)("REST :invoke with a %s client", (protocol) => {
  it("returns the value the client's handler returns, with X-Protocol", async () => {
    server = await createMockServer({ port: 0, accessKeys: [PRIMARY_KEY] });
    const c = await connect(protocol, (conn) =>
      conn.on("GetMessage", (name: string) => ({ message: `Hello, ${name}!` })),
    );
    const res = await invoke(c.connectionId!, "GetMessage", ["World"]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: { message: "Hello, World!" } });
    expect(res.headers.get("x-protocol")).toBe(protocol);
  });

  it("answers 400 when the client has no handler, and when its handler throws", async () => {
    server = await createMockServer({ port: 0, accessKeys: [PRIMARY_KEY] });
    const c = await connect(protocol, (conn) =>
      conn.on("Fail", () => {
        throw new Error("boom");
      }),
    );
    const none = await invoke(c.connectionId!, "Missing");
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: "Error.Invocation.NoResult", target: "connectionId" });
    const thrown = await invoke(c.connectionId!, "Fail");
    expect(thrown.status).toBe(400);
    expect(thrown.body.code).toBe("Error.Invocation.Failed");
    expect(thrown.body.message).toMatch(/boom/);
    expect(thrown.headers.get("x-ms-error-code")).toBe("Error.Invocation.Failed");
  });

  it("answers 408 when the client does not answer in time, and 404 once it is gone", async () => {
    server = await createMockServer({ port: 0, accessKeys: [PRIMARY_KEY], invokeTimeoutMs: 200 });
    const c = await connect(protocol, (conn) => conn.on("Slow", () => new Promise(() => {})));
    const slow = await invoke(c.connectionId!, "Slow");
    expect(slow.status).toBe(408);
    expect(slow.body).toMatchObject({ code: "Error.Invocation.Timeout", target: "connectionId" });
    const id = c.connectionId!;
    await c.stop();
    const gone = await invoke(id, "Slow");
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: "Warning.Connection.NotExisted", target: "connectionId" });
  });
});

describe("REST :invoke to virtual connections", () => {
  it("returns the scripted result from the state file, else the no-result error", async () => {
    server = await createMockServer({
      port: 0,
      accessKeys: [PRIMARY_KEY],
      fixture: { hubs: { chat: { connections: [{ id: "v1", invokeResults: { GetMessage: { result: 42 } } }, "v2"] } } },
    });
    const scripted = await invoke("v1", "GetMessage");
    expect(scripted.status).toBe(200);
    expect(scripted.body).toEqual({ result: 42 });
    const none = await invoke("v2", "GetMessage");
    expect(none.status).toBe(400);
    expect(none.body.code).toBe("Error.Invocation.NoResult");
  });
});

describe("ListConnectionsInGroup as the newest Management SDK calls it", () => {
  it("follows each absolute nextLink verbatim, signing aud = scheme + host + port + path (maxPageSize spelling)", async () => {
    const connections = ["c1", "c2", "c3", "c4", "c5"].map((id) => ({ id, groups: ["room"] }));
    server = await createMockServer({
      port: 0,
      accessKeys: [PRIMARY_KEY],
      fixture: { hubs: { chat: { connections } } },
    });
    let url: string | undefined =
      `${server.url}/api/hubs/chat/groups/room/connections?maxPageSize=2&api-version=2022-06-01`;
    const ids: string[] = [];
    let pages = 0;
    while (url) {
      const target = new URL(url);
      // AccessTokenHttpMessageHandler: audience = RequestUri.GetLeftPart(UriPartial.Path), port included.
      const token = await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${target.origin}${target.pathname}` });
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { value: Array<{ connectionId: string }>; nextLink?: string };
      ids.push(...page.value.map((m) => m.connectionId));
      pages++;
      url = page.nextLink;
    }
    expect(pages).toBe(3);
    expect(ids).toEqual(["c1", "c2", "c3", "c4", "c5"]);
  });
});
