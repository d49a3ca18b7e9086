// Deeply nested `arguments`: refused with a 400 before anyone receives them, or delivered to every recipient.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signAccessToken } from "../../src/auth/index.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { MAX_BODY_DEPTH } from "../../src/mock/rest/payload.js";
import { type Caller, undiciCaller } from "./callers.js";
import { startClient } from "./client/harness.js";
import { authorizationFor, PRIMARY_KEY } from "./tokens.js";

let server: MockServer;
let caller: Caller;
beforeEach(async () => {
  server = await createMockServer({ port: 0, fixture: { hubs: { chat: { connections: ["v1", "v2"] } } } });
  caller = undiciCaller(server.url);
});
afterEach(() => server.close());

/** A body whose `arguments` hold one value nested so that the whole document is `depth` levels deep. */
function bodyOfDepth(depth: number): string {
  // The root object is level 1 and the arguments array level 2.
  const inner = depth - 2;
  return `{"target":"deep","arguments":[${"[".repeat(inner)}1${"]".repeat(inner)}]}`;
}

async function send(body: string) {
  const path = "/api/hubs/chat/:send?api-version=2022-06-01";
  const authorization = (await authorizationFor("sdk", caller.origin, path))!;
  return caller.send({
    method: "POST",
    path,
    headers: { authorization, "content-type": "application/json" },
    body: Buffer.from(body),
  });
}

async function messages() {
  const token = await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${caller.origin}/_hubkit/` });
  return caller.send({ method: "GET", path: "/_hubkit/messages", headers: { authorization: `Bearer ${token}` } });
}

describe("nesting depth of a send", () => {
  it.each([101, 150, 5000])(
    "a body %i levels deep is a 400 naming the limit; nobody receives it; the admin listing still works",
    async (depth) => {
      const client = await startClient({
        url: `${server.url}/client/?hub=chat`,
        transport: "WebSockets",
        protocol: "messagepack",
        targets: ["deep"],
        accessToken: await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${server.url}/client/?hub=chat` }),
      });
      const res = await send(bodyOfDepth(depth));
      expect(res.status).toBe(400);
      expect(res.headers["x-ms-error-code"]).toBe("Error.Request.Invalid");
      const detail = JSON.parse(res.body.toString("utf8"));
      expect(detail).toMatchObject({ code: "Error.Request.Invalid", target: "message.arguments" });
      expect(detail.message).toContain(`${MAX_BODY_DEPTH}`);
      const listing = await messages();
      expect(listing.status).toBe(200);
      const recorded = JSON.parse(listing.body.toString("utf8")).connections;
      expect(recorded.map((c: { received: unknown[] }) => c.received.length)).toEqual([0, 0]);
      expect(client.received).toEqual([]);
      await client.connection.stop();
    },
  );

  it("a body exactly at the limit reaches every recipient, JSON and MessagePack alike", async () => {
    const token = await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${server.url}/client/?hub=chat` });
    const clients = await Promise.all(
      (["json", "messagepack"] as const).map((protocol) =>
        startClient({
          url: `${server.url}/client/?hub=chat`,
          transport: "WebSockets",
          protocol,
          targets: ["deep"],
          accessToken: token,
        }),
      ),
    );
    const res = await send(bodyOfDepth(MAX_BODY_DEPTH));
    expect(res.status).toBe(202);
    for (const client of clients) {
      const [received] = await client.until("deep");
      let value = received!.args[0];
      let levels = 2;
      while (Array.isArray(value)) {
        value = value[0];
        levels += 1;
      }
      expect(levels).toBe(MAX_BODY_DEPTH);
      await client.connection.stop();
    }
    const listing = await messages();
    expect(listing.status).toBe(200);
  });

  it("brackets inside strings do not count", async () => {
    const res = await send(`{"target":"deep","arguments":["${"[".repeat(500)}"]}`);
    expect(res.status).toBe(202);
  });
});
