// The console reporter's live output for passing, failing and skipped tests.
import { describe, expect, it } from "vitest";
import { createConsoleReporter } from "../../src/reporters/console.js";
import { FakeTarget } from "../runner/fake-target.js";
import { runYaml } from "../runner/run-helpers.js";

const SUITE = `name: demo
tests:
  - name: passes
    steps:
      - request: GET /ok
  - name: wrong status
    steps:
      - call: SignalR_CloseConnection
        params: { hub: chat, connectionId: c1 }
        expect:
          status: 200
  - name: broken network
    steps:
      - request: GET /down
  - name: not here
    skip: no reason to run
    steps: [{ wait: 1 }]
`;

function capture(isTTY = false) {
  let text = "";
  return { out: { write: (t: string) => (text += t), isTTY }, text: () => text.replace(/\d+(\.\d+)? m?s\b/g, "<t>") };
}

const fake = () =>
  new FakeTarget({
    handle: (req) => {
      if (req.pathAndQuery === "/down")
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
      if (req.method === "DELETE") {
        return {
          status: 404,
          headers: { "x-ms-error-code": "Warning.Connection.NotExisted" },
          body: { code: "Warning.Connection.NotExisted" },
        };
      }
      return { status: 200 };
    },
  });

describe("console reporter", () => {
  it("prints one line per test, then each failure with file:line:col and expected vs actual, then a summary", async () => {
    const sink = capture();
    await runYaml(SUITE, { target: fake(), reporters: [createConsoleReporter({ out: sink.out })] });
    expect(sink.text()).toBe(`hubkit run: 4 test(s) against the mock target http://fake.invalid (run id rtest)
  ✓ demo › passes (<t>)
  ✗ demo › wrong status (<t>)
  ! demo › broken network (<t>)
  - demo › not here skipped: no reason to run

Failures:

1) demo › wrong status
   suite.yaml:8:9  call SignalR_CloseConnection
     suite.yaml:11:19  status is 200
       expected: 200
       actual:   404
     DELETE /api/hubs/chat/connections/c1?api-version=2022-06-01 -> 404 {"code":"Warning.Connection.NotExisted"}

2) demo › broken network
   suite.yaml:14:9  request GET /down
     Connection refused: connect ECONNREFUSED 127.0.0.1:1
     hint: Is the endpoint right and the service (or mock) running?

Tests: 1 passed, 1 failed, 1 errored, 1 skipped (4 total) in <t>
`);
  });

  it("draws a progress bar on terminals for long runs and colours the marks", async () => {
    const sink = capture(true);
    await runYaml(SUITE, {
      target: fake(),
      reporters: [createConsoleReporter({ out: sink.out, progressFrom: 2, color: true })],
    });
    const text = sink.text();
    expect(text).toContain("[------------------------------] 0/4");
    expect(text).toContain("[##############################] 4/4");
    expect(text).toContain("\r\x1b[K");
    expect(text).toContain("\x1b[32m✓\x1b[0m");
  });
});
