// Refusing WebSocket upgrades: a skipNegotiation client (real @microsoft/signalr and raw ws) sees the rule's status,
// ErrorDetail and Retry-After instead of 101, no connection is created, and it connects again once the rule is gone.
import * as signalR from "@microsoft/signalr";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { clientAudience, signAccessToken } from "../../../src/auth/index.js";
import { createMockServer, type MockServer } from "../../../src/mock/index.js";
import { ACCESS_KEY } from "../client/harness.js";

let server: MockServer;
const connections: signalR.HubConnection[] = [];
afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.stop()));
  await server?.close();
});

const token = (hub: string) => signAccessToken({ accessKey: ACCESS_KEY, audience: clientAudience(server.url, hub) });

/** What a raw WebSocket client sees: the upgrade's status and headers, or the socket error. */
async function upgrade(hub: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = `${server.url.replace("http", "ws")}/client/?hub=${hub}&access_token=${await token(hub)}`;
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.on("open", () => {
      ws.terminate();
      resolve({ status: 101, headers: {}, body: "" });
    });
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    ws.on("error", reject);
  });
}

function directClient(hub: string): signalR.HubConnection {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${server.url}/client/?hub=${hub}`, {
      transport: signalR.HttpTransportType.WebSockets,
      skipNegotiation: true,
      accessTokenFactory: () => token(hub),
    })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connections.push(connection);
  return connection;
}

describe("fault rules on WebSocket upgrades", () => {
  it("refuse a skipNegotiation client with the rule's status until the rule is cleared", async () => {
    server = await createMockServer({ port: 0 });
    server.faults.add(
      [{ id: "refuse", match: { path: "/client/*", hub: "chat" }, status: 429, retryAfter: 5, for: "1m" }],
      "test",
    );
    const refused = await upgrade("chat");
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toBe("5");
    expect(refused.headers["x-ms-error-code"]).toBe("Error.Request.Throttled");
    expect(JSON.parse(refused.body)).toMatchObject({ code: "Error.Request.Throttled" });
    // The hub narrows the rule: another hub's clients connect.
    expect((await upgrade("other")).status).toBe(101);

    const client = directClient("chat");
    await expect(client.start()).rejects.toThrow();
    expect(server.store.connectionCount()).toBe(0);
    expect(server.faults.set.list()[0]).toMatchObject({ id: "refuse", fired: 2 });

    server.faults.set.clear("refuse");
    await client.start();
    expect(client.state).toBe(signalR.HubConnectionState.Connected);
    expect(server.store.connectionCount()).toBe(1);
  });

  it("reset destroys the upgrade's socket", async () => {
    server = await createMockServer({ port: 0 });
    server.faults.add([{ match: { path: "/client/" }, reset: true, times: 1 }], "test");
    await expect(upgrade("chat")).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await upgrade("chat")).status).toBe(101);
  });

  it("a negotiate rule narrowed by hub refuses only that hub's negotiates", async () => {
    server = await createMockServer({ port: 0 });
    server.faults.add([{ match: { path: "/client/negotiate", hub: "chat" }, status: 503 }], "test");
    const negotiate = async (hub: string) =>
      (
        await fetch(`${server.url}/client/negotiate?hub=${hub}&negotiateVersion=1`, {
          method: "POST",
          headers: { authorization: `Bearer ${await token(hub)}` },
        })
      ).status;
    expect(await negotiate("chat")).toBe(503);
    expect(await negotiate("other")).toBe(200);
  });
});
