// REST `:invoke` and `:execute` leave notes in the mock's event stream (the dashboard's feed): what the client
// answered, and which commands reached which connections.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StampedEvent } from "../../../src/mock/events.js";
import { createMockHandler, type MockHandler } from "../../../src/mock/index.js";
import { type Caller, supertestCaller } from "../callers.js";
import { authorizationFor, PRIMARY_KEY } from "../tokens.js";

let handler: MockHandler;
let caller: Caller;
let seen: StampedEvent[];

beforeEach(() => {
  handler = createMockHandler({
    accessKeys: [PRIMARY_KEY],
    fixture: {
      hubs: {
        chat: {
          connections: [
            { id: "v1", user: "alice", invokeResults: { GetMessage: { result: 42 }, Fail: { error: "boom" } } },
            { id: "v2", user: "bob", groups: ["g1"] },
            { id: "v3", user: "anna" },
          ],
        },
      },
    },
  });
  caller = supertestCaller(handler.listener);
  seen = [];
  handler.events.subscribe((event) => seen.push(event));
});
afterEach(() => handler.close());

async function post(path: string, body: unknown): Promise<number> {
  const authorization = (await authorizationFor("sdk", caller.origin, path))!;
  const response = await caller.send({
    method: "POST",
    path,
    headers: { authorization, "content-type": "application/json" },
    body: Buffer.from(JSON.stringify(body)),
  });
  return response.status;
}

const notes = (kind: string) => seen.filter((e) => e.kind === kind);

describe("notes of the newer REST operations", () => {
  it(":invoke notes what the connection answered: a result, an error, no handler", async () => {
    const invoke = (target: string) =>
      post("/api/hubs/chat/connections/v1/:invoke?api-version=2024-12-01", { target, arguments: ["secret-arg"] });
    expect(await invoke("GetMessage")).toBe(200);
    expect(await invoke("Fail")).toBe(400);
    expect(await invoke("Other")).toBe(400);
    expect(notes("invoke")).toEqual([
      expect.objectContaining({
        hub: "chat",
        connectionId: "v1",
        userId: "alice",
        summary: "invoke 'GetMessage' on v1: result (json)",
        detail: { target: "GetMessage", outcome: "result", protocol: "json" },
      }),
      expect.objectContaining({ summary: "invoke 'Fail' on v1: error: boom" }),
      expect.objectContaining({ summary: "invoke 'Other' on v1: error: Client didn't provide a result." }),
    ]);
    // Like deliveries, notes leave the arguments and results out.
    expect(JSON.stringify(notes("invoke"))).not.toContain("secret-arg");
    // An unknown connection is no invocation: the REST event's 404 is the whole story.
    expect(await post("/api/hubs/chat/connections/nope/:invoke?api-version=2024-12-01", { target: "x" })).toBe(404);
    expect(notes("invoke")).toHaveLength(3);
  });

  it(":execute notes its commands and the connections the filter selected, before their effects", async () => {
    const filter = encodeURIComponent("startswith(userId, 'a')");
    const status = await post(`/api/hubs/chat/:execute?api-version=2024-12-01&filter=${filter}`, [
      { type: "SendMessage", message: { target: "newMessage", arguments: ["hi"] } },
      { type: "JoinGroup", group: "g2" },
    ]);
    expect(status).toBe(202);
    const [note] = notes("execute");
    expect(note).toMatchObject({
      hub: "chat",
      summary: "execute SendMessage 'newMessage', JoinGroup 'g2' on 2 connection(s) (filter: startswith(userId, 'a'))",
      detail: {
        commands: ["SendMessage", "JoinGroup"],
        filter: "startswith(userId, 'a')",
        selected: 2,
        connectionIds: ["v1", "v3"],
      },
    });
    const delivered = seen.find((e) => e.kind === "delivered");
    expect(delivered && note && note.seq < delivered.seq).toBe(true);

    // No filter selects every connection; a refused body changes nothing and notes nothing.
    expect(await post("/api/hubs/chat/:execute?api-version=2024-12-01", [{ type: "CloseConnection" }])).toBe(202);
    expect(notes("execute")[1]).toMatchObject({
      summary: "execute CloseConnection on 3 connection(s) (no filter: all)",
      detail: { selected: 3 },
    });
    expect(await post("/api/hubs/chat/:execute?api-version=2024-12-01", [{ type: "Nope" }])).toBe(400);
    expect(notes("execute")).toHaveLength(2);
  });
});
