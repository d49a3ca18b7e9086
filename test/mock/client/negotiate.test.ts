// `POST /client/negotiate` and the refusals of `/client/` transport requests, over plain HTTP and raw WebSockets.
import * as signalR from "@microsoft/signalr";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { AVAILABLE_TRANSPORTS } from "../../../src/mock/client/index.js";
import { eventually, startClient, startHarness } from "./harness.js";
import { negotiate, openRaw } from "./raw-client.js";

let h: Awaited<ReturnType<typeof startHarness>>;
beforeEach(async () => {
  h = await startHarness({ handshakeTimeoutMs: 5000 });
});
afterEach(async () => h.close());

const post = (path: string, headers: Record<string, string> = {}) => fetch(h.url + path, { method: "POST", headers });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Status of a WebSocket upgrade to `path` (101 when it was accepted). */
function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(h.url.replace("http", "ws") + path, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on("open", () => {
      resolve(101);
      ws.terminate();
    });
    ws.on("error", () => resolve(0));
  });
}

describe("negotiate", () => {
  it("answers version 1 with a connectionToken distinct from the connectionId, listing three transports", async () => {
    const response = await post("/client/negotiate?hub=Chat&negotiateVersion=1", bearer(await h.token("chat")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      negotiateVersion: 1,
      connectionId: "id1",
      connectionToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      availableTransports: [
        { transport: "WebSockets", transferFormats: ["Text", "Binary"] },
        { transport: "ServerSentEvents", transferFormats: ["Text"] },
        { transport: "LongPolling", transferFormats: ["Text", "Binary"] },
      ],
    });
    expect(body.availableTransports).toEqual(AVAILABLE_TRANSPORTS);
    expect(h.endpoints.connectionCount()).toBe(1);
  });

  it("answers version 0 with the connectionId only, which then serves as the id (hub in any case)", async () => {
    const token = await h.token("chat", { "asrs.s.uid": "zoe" });
    const response = await post("/client/negotiate?hub=Chat", bearer(token));
    const body = (await response.json()) as { connectionId: string };
    expect(body).toEqual({ negotiateVersion: 0, connectionId: "id1", availableTransports: AVAILABLE_TRANSPORTS });
    // Hub names are case-insensitive all the way: negotiate as Chat, connect as CHAT, live in hub chat.
    const client = await openRaw({
      baseUrl: h.url,
      transport: "WebSockets",
      hub: "CHAT",
      id: body.connectionId,
      token,
    });
    await client.send('{"protocol":"json","version":1}\u001e');
    expect(await client.next()).toEqual({});
    expect(h.store.connection("chat", "id1")?.userId).toBe("zoe");
  });

  it("takes the token from the access_token query as browsers send it", async () => {
    const token = await h.token("chat");
    expect((await post(`/client/negotiate?hub=chat&access_token=${token}`)).status).toBe(200);
  });

  it("answers 400 for a missing or invalid hub", async () => {
    const token = await h.token("chat");
    const missing = await post("/client/negotiate", bearer(token));
    expect(missing.status).toBe(400);
    expect(missing.headers.get("x-ms-error-code")).toBe("Error.Request.Invalid");
    expect(await missing.json()).toEqual({
      code: "Error.Request.Invalid",
      message: "The 'hub' query parameter is required, e.g. ?hub=chat.",
      target: "hub",
    });
    const invalid = await post("/client/negotiate?hub=my-hub", bearer(token));
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await invalid.json()).toEqual({
      code: "Error.Request.Invalid",
      message:
        'Invalid hub name "my-hub": expected a hub name (1-128 characters, a letter first, then letters, digits or _`,.[]), or application_hub with each part like that.',
      target: "hub",
    });
  });

  it("accepts an effective hub application_hub of up to 257 characters, and no longer", async () => {
    const longest = `a${"p".repeat(127)}_h${"u".repeat(127)}`;
    const accepted = await post(`/client/negotiate?hub=${longest}`, bearer(await h.token(longest)));
    expect(accepted.status).toBe(200);
    const tooLong = `${longest}u`;
    const refused = await post(`/client/negotiate?hub=${tooLong}`, bearer(await h.token(tooLong)));
    expect(refused.status).toBe(400);
    const poll = await fetch(`${h.url}/client/?hub=${tooLong}&id=x`, { headers: bearer(await h.token(tooLong)) });
    expect(poll.status).toBe(400);
  });

  it("answers 401 with a challenge for a missing, foreign, expired or other-hub token", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{}, "Bearer"],
      [
        bearer(await h.token("chat", {}, "another-key-another-key-another-key-12345")),
        'Bearer error="invalid_token", error_description="The signature is invalid"',
      ],
      [bearer(await h.token("other")), 'Bearer error="invalid_token", error_description="The audience is invalid"'],
      [{ Authorization: "Basic abc" }, "Bearer"],
    ];
    for (const [headers, challenge] of cases) {
      const response = await post("/client/negotiate?hub=chat", headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe(challenge);
      expect(await response.text()).toBe("");
    }
    expect(h.endpoints.connectionCount()).toBe(0);
    expect(h.log).toContain("client negotiate rejected hub=chat reason=audience");
  });

  it("answers 405 to GET and 404 to unknown client paths", async () => {
    const get = await fetch(`${h.url}/client/negotiate?hub=chat`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    expect(get.headers.get("x-ms-error-code")).toBe("Error.Method.NotAllowed");
    expect(await get.json()).toMatchObject({ code: "Error.Method.NotAllowed", target: "method" });
    const unknown = await fetch(`${h.url}/client/elsewhere`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("x-ms-error-code")).toBe("Error.Route.NotFound");
    expect(((await unknown.json()) as { message: string }).message).toContain(
      "expected /client/negotiate?hub=<hub> or /client/?hub=<hub>",
    );
    const put = await fetch(`${h.url}/client/?hub=chat&id=x`, {
      method: "PUT",
      headers: bearer(await h.token("chat")),
    });
    expect(put.status).toBe(404);
  });

  it("answers CORS preflights and allows credentials for the calling origin", async () => {
    const origin = "http://localhost:5173";
    for (const path of ["/client/negotiate?hub=chat&negotiateVersion=1", "/client/?hub=chat&id=x"]) {
      const preflight = await fetch(h.url + path, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "POST",
          "Access-Control-Request-Headers": "authorization,x-requested-with,x-signalr-user-agent",
        },
      });
      expect(preflight.status).toBe(204);
      expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith("access-control")))).toEqual({
        "access-control-allow-origin": origin,
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
        "access-control-allow-headers": "authorization,x-requested-with,x-signalr-user-agent",
        "access-control-max-age": "600",
      });
    }
    const response = await post("/client/negotiate?hub=chat", { Origin: origin, ...bearer(await h.token("chat")) });
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    const refused = await post("/client/negotiate?hub=chat", { Origin: origin });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(origin);
  });

  it("forgets a negotiated connection that never connects once the handshake timeout passes", async () => {
    await h.close();
    h = await startHarness({ handshakeTimeoutMs: 1000 });
    await negotiate(h.url, "chat", await h.token("chat"));
    expect(h.endpoints.connectionCount()).toBe(1);
    await eventually(() => h.endpoints.connectionCount() === 0, "the negotiated connection to expire");
  });
});

describe("user id of a client token", () => {
  const LONG = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
  const cases: Array<[Record<string, unknown>, string | undefined]> = [
    [{ "asrs.s.uid": "uid", nameid: "nameid", [LONG]: "long", sub: "sub" }, "uid"],
    [{ nameid: "nameid", [LONG]: "long", sub: "sub" }, "nameid"],
    [{ [LONG]: "long", sub: "sub" }, "long"],
    [{ sub: "sub" }, "sub"],
    [{}, undefined],
  ];
  it.each(cases)("claims %j connect as %s", async (claims, expected) => {
    const token = await h.token("chat", claims);
    const { connectionToken, connectionId } = await negotiate(h.url, "chat", token);
    const client = await openRaw({ baseUrl: h.url, transport: "WebSockets", hub: "chat", id: connectionToken, token });
    await client.send('{"protocol":"json","version":1}\u001e');
    expect(await client.next()).toEqual({});
    expect(h.store.connection("chat", connectionId)?.userId).toBe(expected);
  });
});

describe("transport request refusals", () => {
  it("refuses a missing hub, a bad token, an unknown id and another hub's id", async () => {
    const token = await h.token("chat");
    const { connectionToken } = await negotiate(h.url, "chat", token);
    const get = (path: string, headers: Record<string, string> = bearer(token)) => fetch(h.url + path, { headers });
    expect((await get(`/client/?id=${connectionToken}`)).status).toBe(400);
    expect((await get(`/client/?hub=chat&id=${connectionToken}`, {})).status).toBe(401);
    const unknown = await get("/client/?hub=chat&id=nope");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("negotiate first");
    expect((await get(`/client/?hub=other&id=${connectionToken}`, bearer(await h.token("other")))).status).toBe(404);
    expect(await upgradeStatus("/client/?hub=chat&id=nope", bearer(token))).toBe(404);
    expect(await upgradeStatus(`/client/?hub=chat&id=${connectionToken}`, {})).toBe(401);
    expect(await upgradeStatus(`/client/?id=${connectionToken}`, bearer(token))).toBe(400);
    expect(await upgradeStatus("/client/elsewhere", bearer(token))).toBe(404);
  });

  it("refuses a second transport for one connection, POST to a WebSocket and DELETE on an event stream", async () => {
    const token = await h.token("chat");
    const ws = await negotiate(h.url, "chat", token);
    const path = `/client/?hub=chat&id=${ws.connectionToken}`;
    const first = await openRaw({
      baseUrl: h.url,
      transport: "WebSockets",
      hub: "chat",
      id: ws.connectionToken,
      token,
    });
    expect(await upgradeStatus(path, bearer(token))).toBe(409);
    expect((await fetch(h.url + path, { headers: { Accept: "text/event-stream", ...bearer(token) } })).status).toBe(
      409,
    );
    expect((await fetch(h.url + path, { method: "POST", headers: bearer(token), body: "x" })).status).toBe(405);
    const early = await negotiate(h.url, "chat", token);
    const earlyPost = await fetch(`${h.url}/client/?hub=chat&id=${early.connectionToken}`, {
      method: "POST",
      headers: bearer(token),
      body: "x",
    });
    expect(earlyPost.status).toBe(400);
    expect(await earlyPost.text()).toBe("Open the connection first (GET for long polling or the event stream).");

    const sse = await negotiate(h.url, "chat", token);
    const client = await openRaw({
      baseUrl: h.url,
      transport: "ServerSentEvents",
      hub: "chat",
      id: sse.connectionToken,
      token,
    });
    const ssePath = `/client/?hub=chat&id=${sse.connectionToken}`;
    const deleted = await fetch(h.url + ssePath, { method: "DELETE", headers: bearer(token) });
    expect(deleted.status).toBe(400);
    expect((await fetch(h.url + ssePath, { headers: bearer(token) })).status).toBe(409);
    client.abort();
    first.abort();
  });

  it("lets a WebSocket client skip negotiation, as ASP.NET Core does", async () => {
    const token = await h.token("chat", { "asrs.s.uid": "skipper" });
    const client = await startClient({
      url: `${h.url}/client/?hub=chat`,
      transport: "WebSockets",
      protocol: "json",
      targets: ["t"],
      accessToken: token,
      configure: (b) =>
        b.withUrl(`${h.url}/client/?hub=chat`, {
          skipNegotiation: true,
          transport: signalR.HttpTransportType.WebSockets,
          accessTokenFactory: () => token,
        }),
    });
    expect(h.store.hubConnections("chat").map((c) => c.userId)).toEqual(["skipper"]);
    expect(h.requests.filter((r) => r.includes("negotiate"))).toEqual([]);
    await client.connection.stop();
    await eventually(() => h.endpoints.connectionCount() === 0, "the session to end");
  });
});
