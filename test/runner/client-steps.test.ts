// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
import { describe, expect, it } from "vitest";
import { type FakeClient, FakeTarget } from "./fake-target.js";
import { failures, onlyTest, runYaml, testYaml } from "./run-helpers.js";

/** Pushes messages to each client shortly after it connects (as a REST send would). */
function sending(...messages: [string, unknown[]][]): FakeTarget {
  return new FakeTarget({
    onConnect: (client) => {
      setTimeout(() => {
        for (const [target, args] of messages) client.receive(target, args);
      }, 20);
    },
  });
}

describe("connect and disconnect", () => {
  it("opens a client with the given options, exposes its properties and stops it", async () => {
    const target = new FakeTarget();
    const result = await runYaml(
      testYaml(`- connect: alice
  hub: chat
  user: alice-\${run.id}
  application: app
  protocol: messagepack
  transport: longPolling
  claims: { role: admin }
  auth: wrong-audience
- request: "GET /x/\${alice.connectionId}/\${alice.user}/\${alice.hub}"
- disconnect: alice`),
      { target },
    );
    expect(onlyTest(result).outcome).toBe("passed");
    const client = target.clients[0]!;
    expect(client.options).toMatchObject({
      hub: "chat",
      user: "alice-rtest",
      application: "app",
      protocol: "messagepack",
      transport: "longPolling",
      claims: { role: "admin" },
      auth: "wrong-audience",
    });
    expect(target.requests[0]!.pathAndQuery).toBe("/x/conn-1/alice-rtest/chat");
    expect(client.stops).toBe(1);
  });

  it("stops every client the test left open", async () => {
    const target = new FakeTarget();
    await runYaml(testYaml("- connect: a\n  hub: chat\n- connect: b\n  hub: chat"), { target });
    expect(target.clients.map((c) => c.stops)).toEqual([1, 1]);
  });

  it("treats a refused connection as a step error unless the step expects it", async () => {
    const target = new FakeTarget({
      refuseConnect: "Failed to complete negotiation with the server: Error: Unauthorized",
    });
    const errored = onlyTest(await runYaml(testYaml("- connect: a\n  hub: chat"), { target }));
    expect(errored.steps[0]).toMatchObject({
      outcome: "errored",
      error: { message: expect.stringContaining("Unauthorized") },
    });

    const expected = await runYaml(
      testYaml(
        "- connect: a\n  hub: chat\n  auth: expired\n  fails: true\n- connect: b\n  hub: chat\n  fails: /unauthorized/i",
      ),
      { target },
    );
    expect(onlyTest(expected).outcome).toBe("passed");

    const wrongReason = await runYaml(testYaml("- connect: a\n  hub: chat\n  fails: Forbidden"), { target });
    expect(failures(onlyTest(wrongReason))).toEqual([
      'connect: a is refused ("Forbidden" → "Failed to complete negotiation with the server: Error: Unauthorized")',
    ]);
  });

  it("fails when a connection expected to be refused is accepted, and closes it", async () => {
    const target = new FakeTarget();
    const test = onlyTest(await runYaml(testYaml("- connect: a\n  hub: chat\n  fails: true"), { target }));
    expect(failures(test)).toEqual(['connect: a is refused ("refused" → "connected as conn-1")']);
    expect(target.clients[0]!.stops).toBe(1);
  });
});

describe("expectMessage", () => {
  it("waits for a matching invocation, with /regex/ strings in target and arguments", async () => {
    const target = sending(["other", []], ["newMessage", ["alice", "hello world", { n: 1 }]]);
    const result = await runYaml(
      testYaml(`- connect: a
  hub: chat
- expectMessage: a
  target: /^new/
  arguments: [alice, /world$/, { n: 1 }]`),
      { target },
    );
    expect(onlyTest(result).outcome).toBe("passed");
  });

  it("consumes what it matched: two expectations need two messages", async () => {
    const target = sending(["m", [1]]);
    const result = await runYaml(
      testYaml(
        "- connect: a\n  hub: chat\n- expectMessage: a\n  target: m\n- expectMessage: a\n  target: m\n  timeout: 100ms",
      ),
      { target },
    );
    const test = onlyTest(result);
    expect(test.outcome).toBe("failed");
    expect(failures(test)).toEqual([
      'message: a receives m within 100 ms ({"target":"m"} → {"received":[],"closed":false})',
    ]);
  });

  it("shows what was received when nothing matches in time", async () => {
    const target = sending(["newMessage", ["bob"]]);
    const test = onlyTest(
      await runYaml(
        testYaml("- connect: a\n  hub: chat\n- expectMessage: a\n  target: newMessage\n  arguments: [alice]"),
        {
          target,
        },
      ),
    );
    expect(failures(test)).toEqual([
      'message: a receives newMessage within 300 ms ({"target":"newMessage","arguments":["alice"]} → {"received":[{"target":"newMessage","arguments":["bob"]}],"closed":false})',
    ]);
    expect(test.steps[1]!.checks[0]!.position).toEqual({ file: "suite.yaml", line: 8, column: 17 });
  });

  it("with none: true, passes when nothing matching arrives and fails when something does", async () => {
    const quiet = await runYaml(
      testYaml("- connect: a\n  hub: chat\n- expectMessage: a\n  target: secret\n  none: true\n  window: 60ms"),
      { target: sending(["public", []]) },
    );
    expect(onlyTest(quiet).outcome).toBe("passed");
    const noisy = await runYaml(
      testYaml("- connect: a\n  hub: chat\n- expectMessage: a\n  none: true\n  window: 60ms"),
      {
        target: sending(["public", [1]]),
      },
    );
    expect(failures(onlyTest(noisy))).toEqual([
      'message: a receives no message within 60 ms ({"none":{"target":"(any)"}} → [{"target":"public","arguments":[1]}])',
    ]);
  });
});

describe("expectClosed", () => {
  const closing = (reason?: string, details?: Parameters<FakeClient["closeByService"]>[1]) =>
    new FakeTarget({
      onConnect: (client: FakeClient) => setTimeout(() => client.closeByService(reason, details), 20),
    });

  it("passes when the service closes the client with the expected reason", async () => {
    const result = await runYaml(testYaml("- connect: a\n  hub: chat\n- expectClosed: a\n  reason: /maint/"), {
      target: closing("maintenance"),
    });
    expect(onlyTest(result).outcome).toBe("passed");
  });

  it("fails on a different reason, on a reason when none was expected, and when the client stays open", async () => {
    const wrong = await runYaml(testYaml("- connect: a\n  hub: chat\n- expectClosed: a\n  reason: bye"), {
      target: closing("maintenance"),
    });
    expect(failures(onlyTest(wrong))).toEqual(['closed.reason: a is closed with reason bye ("bye" → "maintenance")']);
    const none = await runYaml(testYaml("- connect: a\n  hub: chat\n- expectClosed: a\n  reason: null"), {
      target: closing("maintenance"),
    });
    expect(failures(onlyTest(none))).toEqual(['closed.reason: a is closed without a reason (null → "maintenance")']);
    const open = await runYaml(testYaml("- connect: a\n  hub: chat\n- expectClosed: a\n  timeout: 50ms"));
    expect(failures(onlyTest(open))).toEqual([
      'closed: a is closed by the service within 50 ms ("closed by the service" → "still connected")',
    ]);
  });

  it("checks that a Close message arrived and its allowReconnect, each at its own key", async () => {
    const steps = "- connect: a\n  hub: chat\n- expectClosed: a\n  closeMessage: true\n  allowReconnect: true";
    const passed = await runYaml(testYaml(steps), { target: closing("bye", { allowReconnect: true }) });
    expect(onlyTest(passed).outcome).toBe("passed");
    expect(
      onlyTest(passed).steps[1]!.checks.map((c) => [c.kind, c.outcome, c.position?.line, c.position?.column]),
    ).toEqual([
      ["closed", "passed", 7, 23],
      ["closed.closeMessage", "passed", 8, 23],
      ["closed.allowReconnect", "passed", 9, 25],
    ]);
    const dropped = await runYaml(testYaml(steps), {
      target: closing(undefined, { closeMessage: false, transportError: "WebSocket closed with status code: 1006" }),
    });
    expect(failures(onlyTest(dropped))).toEqual([
      "closed.closeMessage: a receives a Close message (true → false)",
      "closed.allowReconnect: a's Close message allows reconnecting (true → null)",
    ]);
    const noReconnect = await runYaml(testYaml(steps), { target: closing("bye", { allowReconnect: false }) });
    expect(failures(onlyTest(noReconnect))).toEqual([
      "closed.allowReconnect: a's Close message allows reconnecting (true → false)",
    ]);
  });

  it("treats a Close message without allowReconnect as false, and can expect a dropped transport", async () => {
    const absent = await runYaml(testYaml("- connect: a\n  hub: chat\n- expectClosed: a\n  allowReconnect: false"), {
      target: closing("bye"),
    });
    expect(onlyTest(absent).outcome).toBe("passed");
    const dropped = "- connect: a\n  hub: chat\n- expectClosed: a\n  closeMessage: false\n  reason: null";
    expect(
      onlyTest(await runYaml(testYaml(dropped), { target: closing(undefined, { closeMessage: false }) })).outcome,
    ).toBe("passed");
    const sent = await runYaml(testYaml(dropped), { target: closing() });
    expect(failures(onlyTest(sent))).toEqual([
      "closed.closeMessage: a's transport ends without a Close message (false → true)",
    ]);
  });

  it("does not check closeMessage or allowReconnect when the client was not closed by the service", async () => {
    const open = await runYaml(
      testYaml(
        "- connect: a\n  hub: chat\n- expectClosed: a\n  timeout: 50ms\n  closeMessage: true\n  allowReconnect: true",
      ),
    );
    expect(onlyTest(open).steps[1]!.checks.map((c) => c.kind)).toEqual(["closed"]);
  });

  it("does not count our own disconnect as a close by the service", async () => {
    const result = await runYaml(
      testYaml("- connect: a\n  hub: chat\n- disconnect: a\n- expectClosed: a\n  timeout: 50ms"),
    );
    expect(failures(onlyTest(result))).toEqual([
      'closed: a is closed by the service within 50 ms ("closed by the service" → "closed by the client")',
    ]);
  });
});

describe("seed and wait", () => {
  it("applies fixtures (templated) on the mock target", async () => {
    const target = new FakeTarget({ kind: "mock" });
    const result = await runYaml(
      testYaml('- seed: { hubs: { "chat_${run.id}": { connections: [c1] } } }\n- wait: 5ms'),
      { target },
    );
    expect(onlyTest(result).outcome).toBe("passed");
    expect(target.seeds).toEqual([{ hubs: { chat_rtest: { connections: ["c1"] } } }]);
  });

  it("skips the rest of the test, with the reason, on a target that cannot be seeded", async () => {
    const target = new FakeTarget({ kind: "live" });
    const test = onlyTest(await runYaml(testYaml("- seed: { hubs: {} }\n- request: GET /x"), { target }));
    expect(test.outcome).toBe("skipped");
    expect(test.skipReason).toBe(
      "state fixtures can only be applied to the mock target (this run targets a live service)",
    );
    expect(test.steps.map((s) => s.outcome)).toEqual(["skipped"]);
    expect(target.requests).toEqual([]);
  });
});
