// Dropped WebSockets with real @microsoft/signalr clients: automatic reconnect gets a new connection and loses what
// was sent meanwhile; stateful reconnect resumes the same connection and receives it exactly once.
import * as signalR from "@microsoft/signalr";
import { afterEach, describe, expect, it } from "vitest";
import { clientAudience, signAccessToken } from "../../../src/auth/index.js";
import { createMockServer, type MockServer } from "../../../src/mock/index.js";
import { ACCESS_KEY, eventually, type ProtocolName, startClient, type TestClient } from "../client/harness.js";
import { restClient } from "../client/rest.js";

let server: MockServer;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.connection.stop()));
  await server?.close();
});

async function connect(
  protocol: ProtocolName,
  configure: (b: signalR.HubConnectionBuilder) => signalR.HubConnectionBuilder,
) {
  const client = await startClient({
    url: `${server.url}/client/?hub=chat`,
    transport: "WebSockets",
    protocol,
    targets: ["msg"],
    accessToken: await signAccessToken({ accessKey: ACCESS_KEY, audience: clientAudience(server.url, "chat") }),
    configure,
  });
  clients.push(client);
  return client;
}

const texts = (client: TestClient) => client.received.map((m) => m.args[0]);

describe.each(["json", "messagepack"] as const)("a dropped WebSocket (%s)", (protocol) => {
  it("reconnects automatically as a new connection, and the messages sent meanwhile are lost", async () => {
    server = await createMockServer({ port: 0 });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await connect(protocol, (b) => b.withAutomaticReconnect([0, 50, 100]));
    const firstId = client.connection.connectionId;
    const reconnected = new Promise<string | undefined>((resolve) => client.connection.onreconnected(resolve));
    expect(await rest.send("chat/:send", "msg", ["before"])).toBe(202);
    await client.until("msg");
    server.faults.add([{ drop: true, match: { hub: "chat" } }], "test");
    expect(await rest.send("chat/:send", "msg", ["during"])).toBe(202);
    const newId = await reconnected;
    expect(newId).not.toBe(firstId);
    expect(await rest.send("chat/:send", "msg", ["after"])).toBe(202);
    await eventually(() => texts(client).includes("after"), "the message after the reconnect");
    expect(texts(client)).toEqual(["before", "after"]);
  });

  it("with stateful reconnect resumes the same connection and receives everything exactly once", async () => {
    server = await createMockServer({ port: 0 });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await connect(protocol, (b) => b.withStatefulReconnect());
    let reconnecting = false;
    client.connection.onreconnecting(() => {
      reconnecting = true;
    });
    const id = client.connection.connectionId;
    expect(await rest.send("chat/:send", "msg", ["before"])).toBe(202);
    await client.until("msg");
    const dropped = new Promise<void>((resolve) =>
      server.events.subscribe((e) => {
        if (e.kind === "fault") resolve();
      }),
    );
    server.faults.add([{ drop: true, match: { hub: "chat" } }], "test");
    await dropped;
    expect(await rest.send("chat/:send", "msg", ["during-1"])).toBe(202);
    expect(await rest.send("chat/:send", "msg", ["during-2"])).toBe(202);
    await eventually(() => texts(client).includes("during-2"), "the replayed messages");
    expect(await rest.send("chat/:send", "msg", ["after"])).toBe(202);
    await eventually(() => texts(client).includes("after"), "the message after the resume");
    expect(texts(client)).toEqual(["before", "during-1", "during-2", "after"]);
    expect(client.connection.connectionId).toBe(id);
    expect(client.connection.state).toBe(signalR.HubConnectionState.Connected);
    expect(reconnecting).toBe(false);
    expect(server.store.snapshot().hubs[0]!.connections.map((c) => c.id)).toEqual([id]);
  });
});

describe("negotiate", () => {
  it("offers stateful reconnect only to a client that asks", async () => {
    server = await createMockServer({ port: 0 });
    const token = await signAccessToken({ accessKey: ACCESS_KEY, audience: clientAudience(server.url, "chat") });
    const negotiate = async (query: string) =>
      (await fetch(`${server.url}/client/negotiate?hub=chat&negotiateVersion=1${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json())) as Record<string, unknown>;
    expect((await negotiate("&useStatefulReconnect=true")).useStatefulReconnect).toBe(true);
    expect(await negotiate("")).not.toHaveProperty("useStatefulReconnect");
  });
});
