// Property test: random and hostile methods, paths, queries, headers and bodies never produce a 5xx or a crash,
// and every answer has the documented shape (ErrorDetail + x-ms-error-code, 401 challenge, or empty).
import fc from "fast-check";
import { request, errors as undiciErrors } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { CHAT } from "./rest-case.js";
import { authorizationFor } from "./tokens.js";

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ port: 0, fixture: CHAT });
});
afterAll(() => server.close());

const encode = (text: string) => encodeURIComponent(text);
const word = fc.constantFrom(
  "api",
  "hubs",
  "chat",
  "CHAT",
  "groups",
  "users",
  "connections",
  ":send",
  ":closeConnections",
  "health",
  "_hubkit",
  "state",
  "fixtures",
  "messages",
  "reset",
  "alice",
  "bob-1",
  "lobby",
  "a-b",
  "9x",
  "",
  "%",
  "%zz",
  "%00",
  "..",
  "%2F",
  "a%0Ab",
  "%20%20",
  "%3Asend",
  "x".repeat(1100),
);
const segment = fc.oneof(
  { weight: 3, arbitrary: word },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(encode) },
);
const apiPrefix = fc.constantFrom(
  "/api/hubs/chat",
  "/api/hubs/chat/users/bob",
  "/api/hubs/chat/groups/lobby",
  "/api",
  "",
  "/_hubkit",
);
const path = fc
  .tuple(apiPrefix, fc.array(segment, { maxLength: 6 }), fc.boolean())
  .map(([prefix, parts, slash]) => `${prefix}/${parts.join("/")}${slash ? "/" : ""}`);
const queryName = fc.oneof(
  fc.constantFrom("api-version", "API-VERSION", "application", "excluded", "reason", "ttl", "hub", "connectionId", ""),
  fc.string({ maxLength: 8 }).map(encode),
);
const queryValue = fc.oneof(
  fc.constantFrom("2022-06-01", "", "abc", "-1", "0", "1.5", "99999999999", "%", "%zz", "+", "a-b", "Contoso"),
  fc.string({ maxLength: 30 }).map(encode),
);
const query = fc
  .array(fc.tuple(queryName, queryValue, fc.boolean()), { maxLength: 6 })
  .map((pairs) => pairs.map(([n, v, bare]) => (bare ? n : `${n}=${v}`)).join("&"));
const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "text/json",
  "text/plain",
  "application/x-msgpack",
  "application/octet-stream",
  "application/json; charset=utf-16",
  ";;",
  "application/+json",
  "application/yaml",
  "multipart/form-data; boundary=x",
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    '{"target":"t","arguments":[1]}',
    '{"Target":"t"}',
    '{"target":""}',
    '{"target":7}',
    '{"arguments":3}',
    "null",
    "[]",
    "{",
    "",
    '{"__proto__":{"target":"x"}}',
    `${"[".repeat(100000)}${"]".repeat(100000)}`,
    "hubs:\n  chat:\n    connections: [x]\n",
    "reset: true",
  ),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);
const authMode = fc.constantFrom("sdk", "none", "wrong-audience", "garbage", "basic") as fc.Arbitrary<string>;

interface Outcome {
  sent: number;
  refusedByClient: number;
}

describe("hostile input", () => {
  it("never answers 5xx, never crashes, and every error has the documented shape", async () => {
    const outcome: Outcome = { sent: 0, refusedByClient: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"),
        path,
        query,
        contentType,
        body,
        authMode,
        async (method, rawPath, rawQuery, type, payload, auth) => {
          const target = rawQuery ? `${rawPath}?${rawQuery}` : rawPath;
          const headers: Record<string, string> = {};
          if (type !== undefined) headers["content-type"] = type;
          if (auth === "garbage") headers.authorization = "Bearer a.b.c";
          else if (auth === "basic") headers.authorization = "Basic Zm9vOmJhcg==";
          else if (auth !== "none")
            headers.authorization = (await authorizationFor(auth as "sdk", server.url, target))!;
          let res: Awaited<ReturnType<typeof request>>;
          try {
            res = await request(`${server.url}${target}`, {
              method: method as "GET",
              headers,
              ...(payload === undefined || method === "GET" || method === "HEAD" ? {} : { body: payload }),
            });
          } catch (error) {
            // undici refuses some requests before sending them; that is the client's rule, not the mock's.
            if (error instanceof undiciErrors.InvalidArgumentError) {
              outcome.refusedByClient++;
              return;
            }
            throw error;
          }
          outcome.sent++;
          const bytes = Buffer.from(await res.body.arrayBuffer());
          const status = res.statusCode;
          const where = `${method} ${target} -> ${status} ${bytes.toString("utf8").slice(0, 200)}`;
          expect(status, where).toBeLessThan(500);
          // Client endpoints (another module) answer in the SignalR client protocol's own shapes.
          if (/^\/(client([/?]|$)|_hubkit\/hubs\/)/.test(rawPath)) return;
          // The dashboard's page is HTML (its API answers like the admin API).
          // (undici resolves dot segments, so `/_hubkit/api/..` reaches the mock as `/_hubkit/`.)
          const sentPath = URL.canParse(`${server.url}${target}`)
            ? new URL(`${server.url}${target}`).pathname
            : rawPath;
          if (sentPath === "/_hubkit/" && status === 200 && method === "GET") {
            expect(res.headers["content-type"], where).toMatch(/^text\/html/);
            return;
          }
          // `/_hubkit` and `/_hubkit/dashboard[/]` redirect to the dashboard page.
          if (status === 308 && /^\/_hubkit(\/dashboard\/?)?$/.test(rawPath)) {
            expect(res.headers.location, where).toBe("/_hubkit/");
            return;
          }
          // Admin routes (not the service's API) answer 2xx with JSON: a snapshot, a summary, recorded messages.
          if (status < 300 && method !== "HEAD" && bytes.length > 0 && rawPath.startsWith("/_hubkit/")) {
            expect(() => JSON.parse(bytes.toString("utf8")), where).not.toThrow();
          } else if (method === "HEAD" || status < 300) {
            expect(bytes.length, where).toBe(0);
          } else if (status === 401) {
            expect(bytes.length, where).toBe(0);
            expect(res.headers["www-authenticate"], where).toMatch(/^Bearer/);
          } else if (status < 400) {
            throw new Error(`unexpected ${where}`);
          }
          if (status >= 400 && status !== 401) {
            const code = res.headers["x-ms-error-code"];
            expect(typeof code, where).toBe("string");
            if (method !== "HEAD") {
              const detail = JSON.parse(bytes.toString("utf8")) as { code: unknown; message: unknown };
              expect(detail.code, where).toBe(code);
              expect(typeof detail.message, where).toBe("string");
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(outcome.sent).toBeGreaterThan(300);
    const health = await request(`${server.url}/api/health?api-version=2022-06-01`, { method: "HEAD" });
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  });
});
