// Profiles and client-side faults: every profile validates; the Free tier refuses the 21st connection's negotiate
// and messages past the daily quota; refused negotiates for a while; held-back pings time a real client out.
import * as signalR from "@microsoft/signalr";
import { afterEach, describe, expect, it } from "vitest";
import { clientAudience, signAccessToken } from "../../../src/auth/index.js";
import { FAULT_PROFILES, FaultSet, operationFacts, validateFaults } from "../../../src/mock/faults/index.js";
import { createMockServer, type MockServer } from "../../../src/mock/index.js";
import { loadServedSpec } from "../../../src/spec/index.js";
import { ACCESS_KEY, startClient, type TestClient } from "../client/harness.js";
import { restClient } from "../client/rest.js";

let server: MockServer;
const clients: TestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.connection.stop()));
  await server?.close();
});

const negotiate = async () => {
  const token = await signAccessToken({ accessKey: ACCESS_KEY, audience: clientAudience(server.url, "chat") });
  return fetch(`${server.url}/client/negotiate?hub=chat&negotiateVersion=1`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
};

describe("profiles", () => {
  it.each(Object.keys(FAULT_PROFILES))("%s validates without problems or warnings", (name) => {
    const result = validateFaults(FAULT_PROFILES[name], operationFacts(loadServedSpec()));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("free-tier refuses a negotiate with 429 once 20 connections are live", async () => {
    const connections = Array.from({ length: 19 }, (_, i) => `c${i}`);
    server = await createMockServer({
      port: 0,
      fixture: { hubs: { chat: { connections } } },
      faults: [...(FAULT_PROFILES["free-tier"] ?? [])],
    });
    expect((await negotiate()).status).toBe(200);
    server.store.connect({
      hub: "chat",
      id: "c19",
      userId: undefined,
      sink: { deliver() {}, close() {} },
      kind: "virtual",
    });
    const refused = await negotiate();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(refused.headers.get("x-ms-error-code")).toBe("Error.Quota.Connections");
  });

  it("a perDay quota lets N calls through, then answers its status", async () => {
    server = await createMockServer({ port: 0, faults: [{ match: { class: "message" }, perDay: 2, status: 429 }] });
    const rest = restClient(server.url, ACCESS_KEY);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await rest.send("chat/:send", "m", []));
    expect(statuses).toEqual([202, 202, 429, 429]);
  });
});

describe("client transport faults", () => {
  it("refuses negotiates with 429 while a path rule is armed, and answers again once it is cleared", async () => {
    server = await createMockServer({ port: 0 });
    server.faults.add([{ id: "refuse", match: { path: "/client/negotiate" }, status: 429, for: "1m" }], "test");
    expect((await negotiate()).status).toBe(429);
    server.faults.set.clear("refuse");
    expect((await negotiate()).status).toBe(200);
  });

  it("`for` limits a rule to a window after it was added", () => {
    let now = 0;
    const set = new FaultSet(() => now);
    const [rule] = set.add(
      [{ id: "", match: { path: "/client/negotiate" }, effect: { kind: "reset" }, forMs: 1000 }],
      "t",
    );
    const facts = { method: "POST", path: "/client/negotiate", message: false, protectedTarget: false, rest: false };
    expect(set.pickRequest(facts)).toBe(rule);
    now = 1001;
    expect(set.pickRequest(facts)).toBeUndefined();
  });

  it("held-back pings make a real client time out", async () => {
    server = await createMockServer({ port: 0, keepAliveIntervalMs: 50 });
    const client = await startClient({
      url: `${server.url}/client/?hub=chat`,
      transport: "WebSockets",
      protocol: "json",
      targets: [],
      accessToken: await signAccessToken({ accessKey: ACCESS_KEY, audience: clientAudience(server.url, "chat") }),
      configure: (b) => b.withServerTimeout(1000),
    });
    clients.push(client);
    server.faults.add([{ stallPings: true, match: { hub: "chat" } }], "test");
    const error = await client.closed;
    expect(String(error)).toContain("Server timeout elapsed");
    expect(client.connection.state).toBe(signalR.HubConnectionState.Disconnected);
  });
});
