// The no-app-server negotiate: a redirect to the mock with a signed client token, and real clients that use it.
import { decodeJwt } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { ACCESS_KEY, COMBINATIONS, eventually, type Harness, startClient, startHarness, startMock } from "./harness.js";
import { restClient } from "./rest.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const devNegotiate = (path: string, init: RequestInit = { method: "POST" }) =>
  fetch(`${h?.url}/_hubkit/hubs/${path}`, init);

describe("POST /_hubkit/hubs/<hub>/negotiate", () => {
  it("redirects to /client/?hub=<hub> with a client token for the user, signed with the first key", async () => {
    h = await startHarness();
    const response = await devNegotiate("Chat/negotiate?userId=alice&negotiateVersion=1");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { url: string; accessToken: string };
    expect(body.url).toBe(`${h.url}/client/?hub=chat`);
    const claims = decodeJwt(body.accessToken);
    expect(claims).toMatchObject({ aud: "http://127.0.0.1/client/?hub=chat", "asrs.s.uid": "alice" });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
    expect(h.log).toEqual(["client dev negotiate hub=chat user=alice"]);
    // The token is accepted by the mock's own negotiate.
    const negotiated = await fetch(`${h.url}/client/negotiate?hub=chat`, {
      method: "POST",
      headers: { Authorization: `Bearer ${body.accessToken}` },
    });
    expect(negotiated.status).toBe(200);
  });

  it("prefixes the hub with the application and leaves the user out when none is given", async () => {
    h = await startHarness();
    const body = (await (await devNegotiate("Chat/negotiate?application=MyApp")).json()) as {
      url: string;
      accessToken: string;
    };
    expect(body.url).toBe(`${h.url}/client/?hub=myapp_chat`);
    const claims = decodeJwt(body.accessToken);
    expect(claims.aud).toBe("http://127.0.0.1/client/?hub=myapp_chat");
    expect(claims).not.toHaveProperty("asrs.s.uid");
  });

  it("answers 400 for an invalid hub or application, 405 for GET, 404 for other paths", async () => {
    h = await startHarness();
    const badHub = await devNegotiate("my-hub/negotiate");
    expect(badHub.status).toBe(400);
    expect(badHub.headers.get("x-ms-error-code")).toBe("Error.Request.Invalid");
    const hubDetail = (await badHub.json()) as { message: string; target: string };
    expect(hubDetail.message).toContain('Invalid hub name "my-hub"');
    expect(hubDetail.target).toBe("hub");
    const badApp = await devNegotiate("chat/negotiate?application=my-app");
    expect(badApp.status).toBe(400);
    expect(await badApp.json()).toMatchObject({ code: "Error.Request.Invalid", target: "application" });
    const get = await devNegotiate("chat/negotiate", { method: "GET" });
    expect(get.status).toBe(405);
    expect(get.headers.get("x-ms-error-code")).toBe("Error.Method.NotAllowed");
    const other = await devNegotiate("chat/elsewhere");
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({
      code: "Error.Route.NotFound",
      message: "Expected POST /_hubkit/hubs/<hub>/negotiate?userId=<user>.",
      target: "path",
    });
    expect((await devNegotiate("%E0%A4%A/negotiate")).status).toBe(404);
  });

  it("hands out a hub of 128-character application and hub that its own negotiate and transports accept", async () => {
    h = await startHarness();
    const application = `A${"p".repeat(127)}`;
    const hub = `H${"u".repeat(127)}`;
    const effective = `${application}_${hub}`.toLowerCase();
    const response = await devNegotiate(`${hub}/negotiate?application=${application}&userId=u1`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { url: string; accessToken: string };
    expect(body.url).toBe(`${h.url}/client/?hub=${effective}`);
    const client = await startClient({
      url: body.url,
      transport: "LongPolling",
      protocol: "json",
      targets: ["t"],
      accessToken: body.accessToken,
    });
    expect(h.store.hubConnections(effective).map((c) => c.userId)).toEqual(["u1"]);
    h.store.deliver(h.store.hubConnections(effective), "t", [effective.length]);
    expect(await client.until("t")).toEqual([{ target: "t", args: [257] }]);
    await client.connection.stop();
  });

  it("answers 400 for a hub or application over 128 characters, as the REST API does", async () => {
    h = await startHarness();
    const long = `A${"b".repeat(128)}`;
    const longHub = await devNegotiate(`${long}/negotiate`);
    expect(longHub.status).toBe(400);
    expect(((await longHub.json()) as { message: string }).message).toMatch(
      /^Invalid hub name "Ab+": expected 1-128 characters/,
    );
    const longApp = await devNegotiate(`chat/negotiate?application=${long}`);
    expect(longApp.status).toBe(400);
    expect(((await longApp.json()) as { message: string }).message).toMatch(
      /^Invalid application name "Ab+": expected 1-128 characters/,
    );
  });

  it("is off with devNegotiate: false, and says how to turn it on", async () => {
    h = await startHarness({ devNegotiate: false });
    const response = await devNegotiate("chat/negotiate?userId=alice");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("--no-dev-negotiate");
    await expect(
      startClient({
        url: `${h.url}/_hubkit/hubs/chat?userId=alice`,
        transport: "WebSockets",
        protocol: "json",
        targets: [],
      }),
    ).rejects.toThrow(/404/);
  });

  it("answers CORS preflights from another origin with credentials allowed", async () => {
    h = await startHarness();
    const origin = "http://localhost:5173";
    const preflight = await devNegotiate("chat/negotiate?userId=alice", {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-requested-with",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("x-requested-with");
    const response = await devNegotiate("chat/negotiate", { method: "POST", headers: { Origin: origin } });
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
  });
});

describe.each(COMBINATIONS)("a $transport $protocol client without an app server", ({ transport, protocol }) => {
  it("connects through /_hubkit/hubs/chat?userId=alice and receives a REST broadcast", async () => {
    const mock = await startMock();
    h = mock;
    const client = await startClient({
      url: `${mock.url}/_hubkit/hubs/chat?userId=alice`,
      transport,
      protocol,
      targets: ["news"],
    });
    const id = client.connection.connectionId;
    expect(mock.store.hubConnections("chat").map((c) => [c.id, c.userId])).toEqual([[id, "alice"]]);
    expect(await restClient(mock.url, ACCESS_KEY, mock.clock).send("chat/:send", "news", ["hi alice", 1])).toBe(202);
    expect(await client.until("news")).toEqual([{ target: "news", args: ["hi alice", 1] }]);
    await client.connection.stop();
    await eventually(() => mock.store.connectionCount() === 0, "the client to leave");
    const log = mock.log.join("\n");
    expect(log).toContain(`client connected id=${id} user=alice hub=chat transport=${transport}`);
    expect(log).toContain(`client deliver hub=chat target=news to=1: ${id}(alice)`);
    expect(log).not.toMatch(/eyJ|access_token=[^*]/);
  });
});
