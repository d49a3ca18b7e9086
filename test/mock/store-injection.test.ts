// MockOptions.store: the mock keeps its state in the Store it is given, built with the mock's own clock.
import { afterEach, describe, expect, it } from "vitest";
import { type Clock, ManualClock } from "../../src/clock.js";
import { type Connection, createMockHandler, InMemoryStore, type MockHandler } from "../../src/mock/index.js";
import { supertestCaller } from "./callers.js";
import { CHAT } from "./rest-case.js";
import { authorizationFor } from "./tokens.js";

/** An InMemoryStore that also records every delivery: stands in for a second Store implementation. */
class RecordingStore extends InMemoryStore {
  readonly delivered: Array<{ to: string[]; target: string }> = [];
  override deliver(recipients: readonly Connection[], target: string, args: readonly unknown[]): number {
    this.delivered.push({ to: recipients.map((c) => c.id).sort(), target });
    return super.deliver(recipients, target, args);
  }
}

let handler: MockHandler | undefined;
afterEach(async () => {
  await handler?.close();
  handler = undefined;
});

describe("MockOptions.store", () => {
  it("seeds the given store, builds it with the mock's clock, and delivers REST sends through it", async () => {
    // Now, so the tokens signed below (issued at the real time) are valid on the mock's clock.
    const clock = new ManualClock(Date.now());
    let built: { store: RecordingStore; clock: Clock } | undefined;
    handler = createMockHandler({
      clock,
      fixture: CHAT,
      store: (mockClock) => {
        built = { store: new RecordingStore({ clock: mockClock }), clock: mockClock };
        return built.store;
      },
    });
    expect(built?.clock).toBe(clock);
    expect(handler.store).toBe(built?.store);
    expect(built?.store.connectionCount()).toBeGreaterThan(0);

    const caller = supertestCaller(handler.listener);
    const path = "/api/hubs/chat/users/alice/:send?api-version=2022-06-01";
    const authorization = await authorizationFor("sdk", caller.origin, path);
    const response = await caller.send({
      method: "POST",
      path,
      headers: { authorization: authorization ?? "", "content-type": "application/json" },
      body: Buffer.from(JSON.stringify({ target: "hello", arguments: [1] })),
    });
    expect(response.status).toBe(202);
    expect(built?.store.delivered).toEqual([{ to: ["alice-1", "alice-2"], target: "hello" }]);
  });
});
