// The programmatic API's startMock: a running mock with admin methods, real clients through clientUrl, typed errors.
import { createServer } from "node:net";
import * as signalR from "@microsoft/signalr";
import { afterEach, describe, expect, it } from "vitest";
import { HubkitError, type RunningMock, startMock } from "../../src/api/index.js";
import { restAudience, signAccessToken } from "../../src/auth/index.js";

const KEY = "start-mock-test-key-0123456789abcdefghijklmnop";
const running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((m) => m.close()));
});

async function send(mock: RunningMock, path: string, body: unknown): Promise<number> {
  const url = `${mock.url}${path}?api-version=2022-06-01`;
  const token = await signAccessToken({
    accessKey: KEY,
    audience: restAudience(mock.url, `${path}?api-version=2022-06-01`),
  });
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.status;
}

describe("startMock", () => {
  it("starts on a free port with the given key and state; admin reads, applies, lists messages and resets", async () => {
    const mock = await startMock({
      accessKeys: [KEY],
      state: { hubs: { chat: { connections: [{ id: "v1", user: "alice", groups: ["lobby"] }] } } },
    });
    running.push(mock);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.connectionString).toContain(`Port=${mock.port};AccessKey=${KEY};`);
    expect(mock.admin.state().hubs.map((h) => h.name)).toEqual(["chat"]);

    expect(await send(mock, "/api/hubs/chat/groups/lobby/:send", { target: "note", arguments: ["hi"] })).toBe(202);
    const [record] = mock.admin.messages({ hub: "chat" });
    expect(record?.connectionId).toBe("v1");
    expect(record?.received.map((m) => [m.target, m.arguments])).toEqual([["note", ["hi"]]]);

    expect(mock.admin.applyFixture({ hubs: { news: { connections: ["n1"] } } })).toMatchObject({ connections: 1 });
    expect(
      mock.admin
        .state()
        .hubs.map((h) => h.name)
        .sort(),
    ).toEqual(["chat", "news"]);
    mock.admin.reset();
    expect(mock.admin.state().hubs).toEqual([]);
  });

  it("clientUrl lets a real @microsoft/signalr client connect as a user and receive a send to that user", async () => {
    const mock = await startMock({ accessKeys: [KEY] });
    running.push(mock);
    expect(mock.clientUrl("chat", "bob smith")).toBe(`${mock.url}/_hubkit/hubs/chat?userId=bob%20smith`);
    const client = new signalR.HubConnectionBuilder()
      .withUrl(mock.clientUrl("chat", "bob smith"))
      .configureLogging(signalR.LogLevel.None)
      .build();
    const received = new Promise<unknown[]>((resolve) => client.on("newMessage", (...args) => resolve(args)));
    await client.start();
    try {
      expect(
        await send(mock, "/api/hubs/chat/users/bob%20smith/:send", { target: "newMessage", arguments: ["hey"] }),
      ).toBe(202);
      expect(await received).toEqual(["hey"]);
    } finally {
      await client.stop();
    }
  });

  it("rejects with a HubkitError (E_PORT_IN_USE) on a taken port, and the host keeps running", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startMock({ port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HubkitError);
      expect(error).toMatchObject({ code: "E_PORT_IN_USE" });
      expect((error as Error).message).toContain(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("rejects a bad state object with every problem and its path, and a missing state file by name", async () => {
    const bad = await startMock({
      state: { hubs: { chat: { connections: [{ id: 7, colour: "red" }] } } } as never,
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(HubkitError);
    expect(bad).toMatchObject({ code: "E_FIXTURE_INVALID" });
    const missing = await startMock({ state: "/nonexistent/state.yaml" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HubkitError);
    expect((missing as Error).message).toContain("/nonexistent/state.yaml");
  });
});
