// Long polling in detail: the first poll, idle polls, one poll at a time, DELETE, content types, keep-alive and aborts.
import { connect as tcpConnect } from "node:net";
import * as signalR from "@microsoft/signalr";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientEndpointsOptions } from "../../../src/mock/client/index.js";
import { ACCESS_KEY, eventually, startClient, startHarness } from "./harness.js";
import { negotiate, openRaw } from "./raw-client.js";
import { restClient } from "./rest.js";

let h: Awaited<ReturnType<typeof startHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const RS = "\u001e";

async function connect(options: Partial<ClientEndpointsOptions>, protocol = "json") {
  h = await startHarness(options);
  const harness = h;
  const token = await harness.token("chat", { "asrs.s.uid": "lp" });
  const { connectionToken } = await negotiate(harness.url, "chat", token);
  const url = `${harness.url}/client/?hub=chat&id=${connectionToken}`;
  const headers = { Authorization: `Bearer ${token}` };
  const poll = async () => {
    const response = await fetch(url, { headers });
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
  const send = async (data: string | Buffer) => {
    const body = typeof data === "string" ? data : new Uint8Array(data);
    return (await fetch(url, { method: "POST", headers, body })).status;
  };
  const remove = async () => (await fetch(url, { method: "DELETE", headers })).status;
  const first = await poll();
  expect(first).toMatchObject({ status: 200, body: Buffer.alloc(0) });
  expect(await send(JSON.stringify({ protocol, version: 1 }) + RS)).toBe(200);
  expect((await poll()).body.toString()).toBe(`{}${RS}`);
  return { harness, poll, send, remove, token, connectionToken };
}

/** Idle polls answered 200 so far (the first poll and the one that carried the handshake response included). */
const answeredPolls = (finished: readonly string[]) => finished.filter((r) => r === "GET /client/ 200").length;

describe("long polling", () => {
  it("answers an idle poll with 200 and no content after the poll timeout, and data to the next poll", async () => {
    const { harness, poll } = await connect({ longPollingTimeoutMs: 60 });
    expect(await poll()).toMatchObject({ status: 200, body: Buffer.alloc(0) });
    const next = poll();
    await eventually(() => harness.requests.filter((r) => r === "GET /client/").length === 4, "the fourth poll");
    harness.store.deliver(harness.store.hubConnections("chat"), "t", ["x"]);
    const answered = await next;
    expect(answered.status).toBe(200);
    expect(answered.type).toBe("text/plain; charset=utf-8");
    expect(answered.body.toString()).toBe(`{"type":1,"target":"t","arguments":["x"]}${RS}`);
  });

  it("queues frames while no poll is waiting and hands them all to the next one", async () => {
    const { harness, poll } = await connect({});
    harness.store.deliver(harness.store.hubConnections("chat"), "a", [1]);
    harness.store.deliver(harness.store.hubConnections("chat"), "b", [2]);
    expect((await poll()).body.toString()).toBe(
      `{"type":1,"target":"a","arguments":[1]}${RS}{"type":1,"target":"b","arguments":[2]}${RS}`,
    );
  });

  it("ends a waiting poll with 200 and no content when a newer poll arrives", async () => {
    const { harness, poll } = await connect({});
    const older = poll();
    await eventually(() => harness.requests.length === 5, "the older poll to arrive");
    const newer = poll();
    expect(await older).toMatchObject({ status: 200, body: Buffer.alloc(0) });
    harness.store.deliver(harness.store.hubConnections("chat"), "t", []);
    expect((await newer).body.toString()).toContain('"target":"t"');
  });

  it("ends the connection on DELETE: 202, the waiting poll gets 204, later requests 404", async () => {
    const { harness, poll, remove } = await connect({});
    const waiting = poll();
    await eventually(() => harness.requests.length === 5, "the poll to arrive");
    expect(await remove()).toBe(202);
    expect((await waiting).status).toBe(204);
    expect(harness.store.connectionCount()).toBe(0);
    expect(harness.endpoints.connectionCount()).toBe(0);
    expect((await poll()).status).toBe(404);
  });

  it("serves MessagePack polls as application/octet-stream", async () => {
    const { harness, poll } = await connect({}, "messagepack");
    harness.store.deliver(harness.store.hubConnections("chat"), "t", []);
    const answered = await poll();
    expect(answered.type).toBe("application/octet-stream");
    expect([...answered.body]).toEqual([0x07, 0x95, 0x01, 0x80, 0xc0, 0xa1, 0x74, 0x90]);
  });

  it("answers 413 to an oversized POST and closes the connection with an error", async () => {
    const { harness, poll, send } = await connect({ maxMessageBytes: 1024 });
    expect(await send(Buffer.alloc(2048, 0x61))).toBe(413);
    expect(harness.store.connectionCount()).toBe(0);
    expect((await poll()).body.toString()).toBe(
      `{"type":7,"error":"A client message exceeded the maximum size of 1024 bytes.","allowReconnect":false}${RS}`,
    );
    expect((await poll()).status).toBe(204);
    expect(harness.endpoints.connectionCount()).toBe(0);
  });

  it("closes and forgets an abandoned connection (no polls, no pings) after the client timeout", async () => {
    const { harness } = await connect({ clientTimeoutMs: 150, longPollingTimeoutMs: 100 });
    expect(harness.store.connectionCount()).toBe(1);
    await eventually(() => harness.store.connectionCount() === 0, "the client timeout");
    await eventually(() => harness.endpoints.connectionCount() === 0, "the connection to be forgotten");
    expect(harness.log.at(-1)).toContain('reason="The long-polling client stopped polling: no poll for 150 ms."');
  });

  it("keeps a real client that keeps polling connected across several client timeouts; a REST send reaches it", async () => {
    // Each poll waits 700 ms, over twice the client timeout: a waiting poll is the client being there.
    h = await startHarness({ clientTimeoutMs: 300, longPollingTimeoutMs: 700 });
    const harness = h;
    const client = await startClient({
      url: `${harness.url}/client/?hub=chat`,
      transport: "LongPolling",
      protocol: "json",
      targets: ["news"],
      accessToken: await harness.token("chat"),
    });
    await eventually(() => answeredPolls(harness.finished) >= 5, "three idle polls after the handshake");
    expect(client.connection.state).toBe(signalR.HubConnectionState.Connected);
    expect(harness.store.hubConnections("chat").map((c) => c.id)).toEqual([client.connection.connectionId]);
    expect(await restClient(harness.url, ACCESS_KEY).send("chat/:send", "news", ["still here"])).toBe(202);
    expect(await client.until("news")).toEqual([{ target: "news", args: ["still here"] }]);
    expect(harness.log.join("\n")).not.toContain("client disconnected");
    await client.connection.stop();
  });

  it("closes and forgets a client that vanishes while its poll waits, once the client timeout passes", async () => {
    h = await startHarness({ clientTimeoutMs: 300, longPollingTimeoutMs: 60_000 });
    const harness = h;
    const token = await harness.token("chat");
    const { connectionToken } = await negotiate(harness.url, "chat", token);
    const client = await openRaw({
      baseUrl: harness.url,
      transport: "LongPolling",
      hub: "chat",
      id: connectionToken,
      token,
    });
    await client.send(`{"protocol":"json","version":1}${RS}`);
    expect(await client.next()).toEqual({});
    const polls = () => harness.requests.filter((r) => r === "GET /client/").length;
    await eventually(() => polls() >= 3, "the poll after the handshake response");
    expect(harness.store.connectionCount()).toBe(1);
    client.abort();
    expect(await client.ended).toBe("aborted");
    await eventually(() => harness.store.connectionCount() === 0, "the client timeout");
    expect(harness.log.at(-1)).toContain('reason="The long-polling client stopped polling: no poll for 300 ms."');
  });

  it("sends no pings: long polling keeps itself alive, so the next frame after idle polls is the delivery", async () => {
    const { harness, poll } = await connect({ keepAliveIntervalMs: 40, longPollingTimeoutMs: 150 });
    for (let i = 0; i < 3; i++) expect(await poll()).toMatchObject({ status: 200, body: Buffer.alloc(0) });
    harness.store.deliver(harness.store.hubConnections("chat"), "t", []);
    expect((await poll()).body.toString()).toBe(`{"type":1,"target":"t","arguments":[]}${RS}`);
  });

  it("drops a POST the client aborts midway quietly: no 413, no Close, the connection stays", async () => {
    const { harness, poll, token, connectionToken } = await connect({});
    const socket = tcpConnect(Number(new URL(harness.url).port), "127.0.0.1");
    socket.on("error", () => {});
    socket.write(
      `POST /client/?hub=chat&id=${connectionToken} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Length: 100\r\n\r\n{"type":6`,
    );
    const posts = () => harness.requests.filter((r) => r === "POST /client/").length;
    await eventually(() => posts() === 2, "the POST to arrive (after the handshake's)");
    socket.destroy();
    await eventually(() => harness.finished.includes("POST /client/ aborted"), "the POST to be aborted");
    expect(harness.store.connectionCount()).toBe(1);
    expect(harness.log.join("\n")).not.toMatch(/exceeded|disconnected/);
    harness.store.deliver(harness.store.hubConnections("chat"), "t", []);
    expect((await poll()).body.toString()).toBe(`{"type":1,"target":"t","arguments":[]}${RS}`);
  });

  it("keeps a real client connected across idle polls", async () => {
    h = await startHarness({ longPollingTimeoutMs: 20 });
    const harness = h;
    const client = await startClient({
      url: `${harness.url}/client/?hub=chat`,
      transport: "LongPolling",
      protocol: "json",
      targets: ["late"],
      accessToken: await harness.token("chat"),
    });
    await eventually(() => harness.requests.filter((r) => r === "GET /client/").length >= 8, "several idle polls");
    harness.store.deliver(harness.store.hubConnections("chat"), "late", ["still here"]);
    expect(await client.until("late")).toEqual([{ target: "late", args: ["still here"] }]);
    await client.connection.stop();
  });
});
