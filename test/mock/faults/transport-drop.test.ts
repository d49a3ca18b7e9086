// `drop` on every transport, with real @microsoft/signalr clients: the Server-Sent Events stream and the long poll are
// cut without a Close message, the client sees a transport failure and reconnects automatically as a new connection.
import * as signalR from "@microsoft/signalr";
import { afterEach, describe, expect, it } from "vitest";
import { clientAudience, signAccessToken } from "../../../src/auth/index.js";
import { createMockServer, type MockServer } from "../../../src/mock/index.js";
import { ACCESS_KEY, eventually, startClient, type TestClient } from "../client/harness.js";
import { restClient } from "../client/rest.js";

let server: MockServer;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.connection.stop()));
  await server?.close();
});

describe.each(["ServerSentEvents", "LongPolling"] as const)("a dropped %s connection", (transport) => {
  it("fails on the client without a Close message, and automatic reconnect brings it back", async () => {
    const log: string[] = [];
    server = await createMockServer({ port: 0, log: (line) => log.push(line) });
    const rest = restClient(server.url, ACCESS_KEY);
    const client = await startClient({
      url: `${server.url}/client/?hub=chat`,
      transport,
      protocol: "json",
      targets: ["msg"],
      accessToken: await signAccessToken({ accessKey: ACCESS_KEY, audience: clientAudience(server.url, "chat") }),
      configure: (b) => b.withAutomaticReconnect([0, 50, 100, 200, 400]),
    });
    clients.push(client);
    const firstId = client.connection.connectionId;
    let closedForGood = false;
    void client.closed.then(() => {
      closedForGood = true;
    });
    const reconnecting = new Promise<Error | undefined>((resolve) => client.connection.onreconnecting(resolve));
    const reconnected = new Promise<string | undefined>((resolve) => client.connection.onreconnected(resolve));
    expect(await rest.send("chat/:send", "msg", ["before"])).toBe(202);
    await client.until("msg");

    const { added } = server.faults.add([{ drop: true, match: { hub: "chat" } }], "test");
    expect(added).toHaveLength(1);
    const error = await reconnecting;
    // Long polling reports the failed poll; the SSE client reports any end of its EventSource without an error
    // ("EventSource doesn't give any useful information about server side closes"), so no Error to compare there.
    if (transport === "LongPolling") expect(error).toBeInstanceOf(Error);
    const newId = await reconnected;
    expect(newId).not.toBe(firstId);
    expect(closedForGood).toBe(false);
    expect(log.some((l) => l.includes("transport dropped without a Close") && l.includes(`id=${firstId}`))).toBe(true);

    // The old connection left the Store; the new one receives.
    await eventually(
      () =>
        server.store
          .snapshot()
          .hubs[0]?.connections.map((c) => c.id)
          .join() === newId,
      "the Store to hold only the new connection",
    );
    expect(await rest.send("chat/:send", "msg", ["after"])).toBe(202);
    await eventually(() => client.received.some((m) => m.args[0] === "after"), "the message after the reconnect");
    expect(client.connection.state).toBe(signalR.HubConnectionState.Connected);
  });
});
