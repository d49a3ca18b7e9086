// The mock's event stream: Store connects, deliveries and REST calls reach subscribers; nothing is built without one.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock.js";
import type { StampedEvent } from "../../src/mock/events.js";
import { createMockHandler, type MockHandler } from "../../src/mock/index.js";
import { VirtualConnectionSink } from "../../src/mock/virtual-connection.js";
import { type Caller, supertestCaller } from "./callers.js";
import { authorizationFor } from "./tokens.js";

let handler: MockHandler;
let caller: Caller;

beforeEach(() => {
  handler = createMockHandler();
  caller = supertestCaller(handler.listener);
});
afterEach(() => handler.close());

describe("mock events", () => {
  it("publishes connects, deliveries and disconnects from the Store, numbered in order", () => {
    const seen: StampedEvent[] = [];
    handler.events.subscribe((event) => seen.push(event));
    const connection = handler.store.connect({
      hub: "chat",
      id: "c1",
      userId: "alice",
      sink: new VirtualConnectionSink(systemClock),
      kind: "virtual",
    });
    handler.store.deliver([connection], "newMessage", ["hi"]);
    handler.store.disconnect("chat", "c1", "bye");
    expect(seen.map((e) => e.kind)).toEqual(["connected", "delivered", "disconnected"]);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(seen[1]).toMatchObject({ hub: "chat", target: "newMessage", recipients: 1, connectionIds: ["c1"] });
    expect(seen[2]).toMatchObject({ connectionId: "c1", userId: "alice", reason: "bye" });
  });

  it("publishes a rest event with the status once the answer is written, without the token", async () => {
    const seen: StampedEvent[] = [];
    handler.events.subscribe((event) => seen.push(event));
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    const authorization = (await authorizationFor("sdk", caller.origin, path))!;
    const response = await caller.send({
      method: "POST",
      path,
      headers: { authorization, "content-type": "application/json" },
      body: Buffer.from('{"target":"t","arguments":[]}'),
    });
    expect(response.status).toBe(202);
    const rest = seen.filter((e) => e.kind === "rest");
    expect(rest).toHaveLength(1);
    expect(rest[0]).toMatchObject({ method: "POST", path, status: 202 });
    expect(JSON.stringify(seen)).not.toContain(authorization.slice(7));
  });

  it("stops publishing after unsubscribe, and a throwing subscriber does not break delivery", () => {
    const seen: StampedEvent[] = [];
    const stop = handler.events.subscribe((event) => seen.push(event));
    handler.events.subscribe(() => {
      throw new Error("observer bug");
    });
    const sink = new VirtualConnectionSink(systemClock);
    const connection = handler.store.connect({ hub: "chat", id: "c1", sink, kind: "virtual" });
    stop();
    handler.store.deliver([connection], "t", []);
    expect(seen.map((e) => e.kind)).toEqual(["connected"]);
    expect(sink.received.map((m) => m.target)).toEqual(["t"]);
  });
});
