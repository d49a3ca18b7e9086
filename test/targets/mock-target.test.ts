// The mock target: an in-process mock on port 0 behind the Target interface.
import { afterEach, describe, expect, it } from "vitest";
import { createMockTarget, type Fixture, type HubClient, type Target } from "../../src/targets/index.js";
import { currentSlowdown, scaled } from "../support/slowdown.js";

let target: Target | undefined;
const clients: HubClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()));
  await target?.close();
  target = undefined;
});

async function open(): Promise<Target> {
  target = await createMockTarget();
  return target;
}

function waitFor<T>(client: HubClient, probe: () => T | undefined, ms = scaled(10_000, currentSlowdown())): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = probe();
    if (now !== undefined) return resolve(now);
    const timer = setTimeout(() => {
      stop();
      reject(new Error("timed out"));
    }, ms);
    const stop = client.subscribe(() => {
      const value = probe();
      if (value !== undefined) {
        clearTimeout(timer);
        stop();
        resolve(value);
      }
    });
  });
}

const send = (t: Target, path: string, body: unknown) =>
  t.request({
    method: "POST",
    pathAndQuery: `${path}${path.includes("?") ? "&" : "?"}api-version=2022-06-01`,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    auth: "valid",
  });

describe("mock target", () => {
  it("answers signed REST calls on a free port, and refuses bad tokens", async () => {
    const t = await open();
    expect(t.kind).toBe("mock");
    expect(t.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await send(t, "/api/hubs/chat/:send", { target: "x" })).status).toBe(202);
    const expired = await t.request({
      method: "POST",
      pathAndQuery: "/api/hubs/chat/:send?api-version=2022-06-01",
      auth: "expired",
    });
    expect(expired.status).toBe(401);
    expect(expired.headers["www-authenticate"]).toContain("expired");
    expect(expired.sentHeaders.authorization).toBe("Bearer ***");
  });

  for (const protocol of ["json", "messagepack"] as const) {
    // Server-Sent Events are text only: the connect step refuses messagepack over them at load time.
    const transports = ["webSockets", "longPolling", ...(protocol === "json" ? ["serverSentEvents"] : [])] as const;
    for (const transport of transports as readonly ("webSockets" | "serverSentEvents" | "longPolling")[]) {
      it(`records invocations and the close reason over ${protocol}/${transport}`, async () => {
        const t = await open();
        const client = await t.connect({ hub: "chat", user: "alice", protocol, transport });
        clients.push(client);
        expect(client.connectionId).not.toBe("");
        expect(
          (await send(t, "/api/hubs/chat/users/alice/:send", { target: "newMessage", arguments: ["hi", 2] })).status,
        ).toBe(202);
        const message = await waitFor(client, () => client.messages[0]);
        expect(message).toMatchObject({ target: "newMessage", arguments: ["hi", 2] });
        const closed = await t.request({
          method: "DELETE",
          pathAndQuery: `/api/hubs/chat/connections/${encodeURIComponent(client.connectionId)}?api-version=2022-06-01&reason=bye`,
          auth: "valid",
        });
        expect(closed.status).toBe(200);
        const info = await waitFor(client, () => client.closed);
        expect(info).toMatchObject({ by: "service", reason: "bye", closeMessage: true });
      });
    }
  }

  it("connects application clients to <app>_<hub>, as the REST API addresses them", async () => {
    const t = await open();
    const client = await t.connect({ hub: "Chat", application: "App" });
    clients.push(client);
    expect(client.hub).toBe("app_chat");
    await send(t, "/api/hubs/Chat/:send?application=App", { target: "t" });
    await expect(waitFor(client, () => client.messages[0])).resolves.toMatchObject({ target: "t" });
  });

  it("refuses clients with bad tokens at negotiate", async () => {
    const t = await open();
    await expect(t.connect({ hub: "chat", auth: "expired" })).rejects.toThrow(/401|Unauthorized/);
  });

  it("seeds fixtures and resets state", async () => {
    const t = await open();
    const exists = () =>
      t.request({
        method: "HEAD",
        pathAndQuery: "/api/hubs/chat/connections/c1?api-version=2022-06-01",
        auth: "valid",
      });
    await t.seed!({ hubs: { chat: { connections: [{ id: "c1", user: "u1" }] } } });
    expect((await exists()).status).toBe(200);
    await t.reset!();
    expect((await exists()).status).toBe(404);
    const misspelt = { hubs: { chat: { connections: [{ idd: "c1" }] } } } as unknown as Fixture;
    await expect(t.seed!(misspelt)).rejects.toThrow(/problem/);
  });
});
