// Recorded virtual-connection history has a ceiling in bytes as well as in count, and the admin listing is paged.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signAccessToken } from "../../src/auth/index.js";
import { createMockHandler, type MockHandler, type VirtualConnectionSink } from "../../src/mock/index.js";
import { MAX_RECORDED_BYTES } from "../../src/mock/virtual-connection.js";
import { type Caller, supertestCaller } from "./callers.js";
import { PRIMARY_KEY } from "./tokens.js";

let handler: MockHandler;
let caller: Caller;
beforeEach(() => {
  handler = createMockHandler({
    fixture: { hubs: { chat: { connections: ["c1", "c2", "c3", "c4", "c5"] } } },
  });
  caller = supertestCaller(handler.listener);
});
afterEach(() => handler.close());

async function list(query = "") {
  const token = await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${caller.origin}/_hubkit/` });
  const res = await caller.send({
    method: "GET",
    path: `/_hubkit/messages${query}`,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, code: res.headers["x-ms-error-code"], body: JSON.parse(res.body.toString("utf8")) };
}

describe("recorded history", () => {
  it("keeps the latest messages within the byte ceiling, and always the newest one", () => {
    const megabyte = "x".repeat(1024 * 1024);
    const recipients = handler.store.hubConnections("chat").slice(0, 1);
    for (let i = 0; i < 40; i++) handler.store.deliver(recipients, `m${i}`, [megabyte]);
    const sink = recipients[0]!.sink as VirtualConnectionSink;
    const kept = sink.received.map((m) => m.target);
    expect(kept.length).toBeLessThanOrEqual(Math.floor(MAX_RECORDED_BYTES / (1024 * 1024)));
    expect(kept.at(-1)).toBe("m39");
    expect(kept).toEqual(kept.slice().sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))));
    const huge = "y".repeat(MAX_RECORDED_BYTES + 10);
    handler.store.deliver(recipients, "huge", [huge]);
    expect(sink.received.map((m) => m.target)).toEqual(["huge"]);
  });

  it("GET /_hubkit/messages answers 200 after many large messages", async () => {
    const megabyte = "x".repeat(1024 * 1024);
    const recipients = handler.store.hubConnections("chat");
    for (let i = 0; i < 20; i++) handler.store.deliver(recipients, `m${i}`, [megabyte]);
    const page = await list("?limit=1");
    expect(page.status).toBe(200);
    expect(page.body.connections).toHaveLength(1);
  });
});

describe("paging GET /_hubkit/messages", () => {
  it("limit and cursor walk every connection once, in order", async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await list(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      ids.push(...page.body.connections.map((c: { connectionId: string }) => c.connectionId));
      cursor = page.body.nextCursor;
      if (cursor === undefined) break;
    }
    expect(ids).toEqual(["c1", "c2", "c3", "c4", "c5"]);
  });

  it("without limit, a page holds up to 100 connections and says where to go on", async () => {
    const page = await list();
    expect(page.body.connections).toHaveLength(5);
    expect(page.body.nextCursor).toBeUndefined();
  });

  it.each([
    ["?limit=0", "limit"],
    ["?limit=abc", "limit"],
    ["?limit=1001", "limit"],
    ["?cursor=zzz", "cursor"],
  ])("%s is a 400 ErrorDetail naming %s", async (query, target) => {
    const page = await list(query);
    expect(page.status).toBe(400);
    expect(page.code).toBe("Error.Request.Invalid");
    expect(page.body.target).toBe(target);
  });
});
