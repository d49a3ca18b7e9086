// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
// The request step follows an absolute URL from a response (a nextLink) on the target's origin, signed as the SDK
// signs it, and refuses any other origin before sending anything.
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createTokenVerifier } from "../../src/auth/index.js";
import { TokenSigner } from "../../src/targets/token-signer.js";
import { FakeTarget } from "./fake-target.js";
import { onlyTest, runYaml, testYaml } from "./run-helpers.js";

const NEXT = "http://fake.invalid/api/hubs/chat/groups/g1/connections?maxpagesize=1&continuationToken=a%2Bb";

describe("request step with an absolute URL", () => {
  it("sends a captured nextLink's path and query as written, asking for the URL's own audience", async () => {
    const target = new FakeTarget({
      handle: (request) =>
        request.pathAndQuery.includes("continuationToken")
          ? { status: 200, body: { value: [{ connectionId: "c2" }] } }
          : { status: 200, body: { value: [{ connectionId: "c1" }], nextLink: NEXT } },
    });
    const result = await runYaml(
      testYaml(`- request: GET /api/hubs/chat/groups/g1/connections?maxpagesize=1
  capture: { next: body.nextLink }
- request: GET \${next}
  expect:
    status: 200
    body: { /value/0/connectionId: c2 }`),
      { target },
    );
    const test = onlyTest(result);
    expect(test.outcome).toBe("passed");
    expect(target.requests[1]).toMatchObject({
      method: "GET",
      pathAndQuery: "/api/hubs/chat/groups/g1/connections?maxpagesize=1&continuationToken=a%2Bb",
      auth: "valid",
      audience: "url-path",
    });
    // Paths keep the classic SDK audience.
    expect(target.requests[0]!.audience).toBeUndefined();
  });

  it("refuses a URL on another origin with a step error, sending nothing", async () => {
    for (const url of [
      "https://fake.invalid/api/health",
      "http://fake.invalid:8080/api/health",
      "http://evil.example/api/hubs/chat/groups/g1/connections?continuationToken=x",
    ]) {
      const target = new FakeTarget({ handle: () => ({ status: 200, body: { nextLink: url } }) });
      const result = await runYaml(
        testYaml(`- request: GET /api/health
  capture: { next: body.nextLink }
- request: GET \${next}`),
        { target },
      );
      const test = onlyTest(result);
      expect(test.outcome).toBe("errored");
      const step = test.steps[1]!;
      expect(step.outcome).toBe("errored");
      expect(step.outcome === "errored" ? step.error : undefined).toMatchObject({
        title: "URL outside the target",
        message: expect.stringContaining("not on the target's origin http://fake.invalid"),
      });
      expect(target.requests).toHaveLength(1);
    }
  });

  it("accepts a literal absolute URL at load time and still refuses a line that is no request", async () => {
    const target = new FakeTarget({ handle: () => ({ status: 200, body: { status: "OK" } }) });
    const result = await runYaml(testYaml("- request: GET http://fake.invalid/api/health\n  expect: { status: 200 }"), {
      target,
    });
    expect(onlyTest(result).outcome).toBe("passed");
    expect(target.requests[0]!.pathAndQuery).toBe("/api/health");
    await expect(runYaml(testYaml("- request: GET ftp://fake.invalid/api/health"))).rejects.toThrow(
      /is not a request line/,
    );
  });
});

describe("TokenSigner url-path audience", () => {
  it("signs aud = scheme, host, port and path without the query, as the newer SDK does, and the mock accepts it", async () => {
    const key = "test-access-key-0123456789";
    const signer = new TokenSigner("http://localhost:8888", key);
    const header = await signer.rest(
      "valid",
      "/api/hubs/chat/groups/g1/connections?continuationToken=x&api-version=2024-12-01",
      "url-path",
    );
    expect(decodeJwt(header!.slice(7)).aud).toBe("http://localhost:8888/api/hubs/chat/groups/g1/connections");
    const verifier = createTokenVerifier({ accessKeys: [key], cacheSize: 0 });
    const rest = { scheme: "http", host: "localhost:8888", path: "/api/hubs/chat/groups/g1/connections" };
    expect(verifier.verifyRest(header, rest).ok).toBe(true);
  });
});
