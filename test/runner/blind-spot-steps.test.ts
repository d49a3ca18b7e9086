// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
// The runner features the gate's blind-spot tests rest on: keep-alive pings, the secondary key, an upper-case audience.
import { describe, expect, it } from "vitest";
import { createMockServer } from "../../src/mock/index.js";
import { createHttpTarget } from "../../src/targets/http-target.js";
import { createMockTarget } from "../../src/targets/mock-target.js";
import type { Target, TargetFactory } from "../../src/targets/target.js";
import { FakeTarget } from "./fake-target.js";
import { failures, onlyTest, runYaml, testYaml } from "./run-helpers.js";

/** One real target for one run (the runner closes it at the end). */
const once = (target: Target): TargetFactory => ({ kind: target.kind, create: async () => target });

describe("expectPing", () => {
  it("passes when a keep-alive Ping reaches the client, fails with 'no Ping' at its timeout", async () => {
    const pinging = new FakeTarget({ onConnect: (client) => setTimeout(() => client.ping(), 20) });
    const ok = await runYaml(testYaml("- connect: alice\n  hub: chat\n- expectPing: alice\n  timeout: 5s"), {
      target: pinging,
    });
    expect(onlyTest(ok).outcome).toBe("passed");
    const silent = await runYaml(testYaml("- connect: alice\n  hub: chat\n- expectPing: alice\n  timeout: 50ms"), {
      target: new FakeTarget(),
    });
    expect(failures(onlyTest(silent)).join("\n")).toMatch(/no Ping/);
  });

  it("counts the Pings a real client receives from the mock", async () => {
    const server = await createMockServer({
      port: 0,
      accessKeys: ["ping-test-key-0123456789abcdef"],
      keepAliveIntervalMs: 50,
    });
    const target = createHttpTarget({
      kind: "live",
      endpoint: server.url,
      accessKey: "ping-test-key-0123456789abcdef",
    });
    try {
      const result = await runYaml(testYaml("- connect: alice\n  hub: chat\n- expectPing: alice\n  timeout: 10s"), {
        targets: once(target),
      });
      expect(onlyTest(result).outcome).toBe("passed");
    } finally {
      await server.close();
    }
  });
});

describe("auth: secondary and auth: upper-case-audience", () => {
  it("the mock target knows two keys, and both sign accepted tokens; a wrong key is still refused", async () => {
    const mockTarget = await createMockTarget();
    expect(mockTarget.hasSecondaryKey).toBe(true);
    const result = await runYaml(
      testYaml(`- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: t }
  auth: secondary
  expect: { status: 202 }
- connect: alice
  hub: chat
  auth: secondary
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: t }
  auth: wrong-key
  expect: { status: 401 }`),
      { targets: once(mockTarget) },
    );
    expect(failures(onlyTest(result))).toEqual([]);
  });

  it("a target without a secondary key skips the test, saying which flag gives one", async () => {
    const result = await runYaml(
      testYaml("- call: SignalR_Broadcast\n  params: { hub: chat }\n  body: { target: t }\n  auth: secondary"),
      { target: new FakeTarget({ kind: "live" }) },
    );
    expect(onlyTest(result)).toMatchObject({
      outcome: "skipped",
      skipReason: expect.stringMatching(/--secondary-access-key/),
    });
  });

  it("an audience with the host in upper case is signed as such and accepted by the mock", async () => {
    const server = await createMockServer({ port: 0, accessKeys: ["upper-case-key-0123456789abcdef"] });
    const endpoint = server.url.replace("127.0.0.1", "localhost");
    const target = createHttpTarget({ kind: "live", endpoint, accessKey: "upper-case-key-0123456789abcdef" });
    try {
      const result = await runYaml(
        testYaml(`- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: t }
  auth: upper-case-audience
  expect: { status: 202 }`),
        { targets: once(target) },
      );
      expect(failures(onlyTest(result))).toEqual([]);
      const token = onlyTest(result).steps[0]!;
      expect(token.outcome).toBe("passed");
    } finally {
      await server.close();
    }
  });
});
