// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
// The call step follows an absolute URL from a response (a nextLink) for its operation: sent as written on the
// target's origin, signed for that URL, and refused (nothing sent) on another origin or for another operation.
import { describe, expect, it } from "vitest";
import { FakeTarget } from "./fake-target.js";
import { onlyTest, runYaml, testYaml } from "./run-helpers.js";

const NEXT = "http://fake.invalid/api/hubs/chat/groups/g1?api-version=2022-06-01&continuationToken=a%2Bb";

function linkTo(url: string): FakeTarget {
  return new FakeTarget({
    handle: (request) =>
      request.pathAndQuery === "/start" ? { status: 200, body: { nextLink: url } } : { status: 200 },
  });
}

const FOLLOW = `- request: GET /start
  capture: { next: body.nextLink }
- call: SignalR_CheckGroupExistence
  url: \${next}
  expect: { status: 200 }`;

describe("call step with url", () => {
  it("sends its operation to a captured nextLink as written, asking for the URL's own audience", async () => {
    const target = linkTo(NEXT);
    const test = onlyTest(await runYaml(testYaml(FOLLOW), { target }));
    expect(test.outcome).toBe("passed");
    expect(target.requests[1]).toMatchObject({
      method: "HEAD",
      pathAndQuery: "/api/hubs/chat/groups/g1?api-version=2022-06-01&continuationToken=a%2Bb",
      auth: "valid",
      audience: "url-path",
    });
    // Coverage still counts the operation the step names.
    expect(test.steps[1]!.http).toMatchObject({ operationId: "SignalR_CheckGroupExistence", status: 200 });
  });

  it("refuses another origin, or a URL of another operation, with a step error, sending nothing", async () => {
    for (const [url, title] of [
      ["https://fake.invalid/api/hubs/chat/groups/g1", "URL outside the target"],
      ["http://evil.example/api/hubs/chat/groups/g1", "URL outside the target"],
      ["http://fake.invalid/api/hubs/chat/users/u1", "URL for another operation"],
      ["http://fake.invalid/nowhere", "URL for another operation"],
    ] as const) {
      const target = linkTo(url);
      const test = onlyTest(await runYaml(testYaml(FOLLOW), { target }));
      expect(test.outcome).toBe("errored");
      const step = test.steps[1]!;
      expect(step.outcome === "errored" ? step.error.title : step.outcome).toBe(title);
      expect(target.requests).toHaveLength(1);
    }
  });

  it("refuses params or query beside url, and a literal url that is not absolute, when the suite loads", async () => {
    await expect(
      runYaml(testYaml("- call: SignalR_CheckGroupExistence\n  url: ${next}\n  params: { hub: chat, group: g1 }")),
    ).rejects.toThrow(/params cannot be combined with url/);
    await expect(
      runYaml(testYaml("- call: SignalR_CheckGroupExistence\n  url: ${next}\n  query: { application: a }")),
    ).rejects.toThrow(/query cannot be combined with url/);
    await expect(
      runYaml(testYaml("- call: SignalR_CheckGroupExistence\n  url: /api/hubs/chat/groups/g1")),
    ).rejects.toThrow(/is not an absolute http\(s\) URL/);
  });
});
