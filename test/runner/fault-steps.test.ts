// fault / expectAttempts / expectMessage count against the embedded mock: retries honouring Retry-After, and a
// retried deliver-then-fail caught as a duplicate.
import { describe, expect, it } from "vitest";
import { createMockTargetFactory } from "../../src/targets/index.js";
import { failures, onlyTest, runYaml } from "./run-helpers.js";

const targets = createMockTargetFactory();

const suite = (steps: string) => `name: faults
tests:
  - name: t
    steps:
${steps
  .trim()
  .split("\n")
  .map((l) => `      ${l}`)
  .join("\n")}
`;

describe("fault steps on the mock target", () => {
  it("a rule with times: 2 and Retry-After is honoured by the runner's retry", async () => {
    const result = await runYaml(
      suite(`
- fault: { match: { operationId: SignalR_Broadcast }, status: 503, retryAfter: 1, times: 2 }
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: m }
  retry: { attempts: 5, interval: 50ms }
  expect: { status: 202 }
- expectAttempts: /api/hubs/chat/:send
  expect: { attempts: 3, spacing: ">= 1s", retryAfter: honoured }
`),
      { targets, timeoutMs: 20_000 },
    );
    const test = onlyTest(result);
    expect(failures(test)).toEqual([]);
    expect(test.steps[1]!.title).toContain("3 attempts, Retry-After honoured 2 time(s)");
  });

  it("retryAfter: honoured fails when a retry comes sooner than the Retry-After it was given", async () => {
    const result = await runYaml(
      suite(`
- fault: { match: { operationId: SignalR_Broadcast }, status: 503, retryAfter: 30, times: 1 }
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: m }
  expect: { status: 503 }
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: m }
  expect: { status: 202 }
- expectAttempts: /api/hubs/chat/:send
  expect: { attempts: 2, retryAfter: honoured }
`),
      { targets, timeoutMs: 20_000 },
    );
    const test = onlyTest(result);
    expect(test.outcome).toBe("failed");
    expect(failures(test)).toEqual([expect.stringContaining("sooner than its Retry-After of 30000 ms")]);
  });

  it("count: 1 catches the duplicate of a retried deliverThenFail", async () => {
    const steps = (fault: string) =>
      suite(`
- connect: alice
  hub: chat
${fault}
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: news, arguments: [1] }
  retry: { attempts: 3, interval: 50ms }
  expect: { status: 202 }
- expectMessage: alice
  target: news
  count: 1
  window: 300ms
`);
    const faulty = onlyTest(
      await runYaml(steps("- fault: { match: { class: message }, deliverThenFail: { status: 500 }, times: 1 }"), {
        targets,
        timeoutMs: 20_000,
      }),
    );
    expect(faulty.outcome).toBe("failed");
    expect(failures(faulty)).toEqual([expect.stringContaining('"count":2')]);
    const clean = onlyTest(await runYaml(steps(""), { targets, timeoutMs: 20_000 }));
    expect(failures(clean)).toEqual([]);
  });

  it("rejects a bad rule at load with its position and a did-you-mean", async () => {
    await expect(
      runYaml(suite(`- fault: { match: { operationId: SignalR_Brodcast }, status: 503 }`), { targets }),
    ).rejects.toThrow(
      /suite.yaml:5:40: Fault rule: unknown operationId 'SignalR_Brodcast'[\s\S]*Did you mean 'SignalR_Broadcast'/,
    );
  });
});

describe("dropped clients in a suite", () => {
  it("a stateful-reconnect client receives what was sent during the drop exactly once; a plain one loses it", async () => {
    const result = await runYaml(
      suite(`
- connect: alice
  hub: chat
  statefulReconnect: true
- connect: bob
  hub: chat
- fault: { drop: true, match: { hub: chat } }
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: news, arguments: [during] }
  expect: { status: 202 }
- expectMessage: alice
  target: news
  arguments: [during]
  count: 1
  timeout: 10s
- expectMessage: bob
  none: true
  window: 300ms
- expectClosed: bob
`),
      { targets, timeoutMs: 30_000 },
    );
    const test = onlyTest(result);
    expect(failures(test)).toEqual([]);
    expect(test.outcome).toBe("passed");
  });
});

describe("slow reads in a suite", () => {
  it("a slowReads rule holds back one user's messages until it is cleared; other clients are on time", async () => {
    const result = await runYaml(
      suite(`
- connect: alice
  hub: chat
  user: alice
- connect: bob
  hub: chat
- fault: { slowReads: 10m, match: { user: alice } }
- call: SignalR_Broadcast
  params: { hub: chat }
  body: { target: news, arguments: [late] }
  expect: { status: 202 }
- expectMessage: bob
  target: news
  arguments: [late]
- expectMessage: alice
  none: true
  window: 300ms
- fault: clear
- expectMessage: alice
  target: news
  arguments: [late]
  count: 1
`),
      { targets, timeoutMs: 30_000 },
    );
    const test = onlyTest(result);
    expect(failures(test)).toEqual([]);
    expect(test.outcome).toBe("passed");
  });
});
