// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
import { describe, expect, it } from "vitest";
import type { Reporter } from "../../src/results/reporter.js";
import { HUBKIT_VERSION } from "../../src/results/version.js";
import { planTests } from "../../src/runner/index.js";
import { FakeTarget, factoryOf } from "./fake-target.js";
import { runYaml, suiteOf } from "./run-helpers.js";

const SUITE = `name: demo
tests:
  - name: health passes
    tags: [health]
    steps:
      - request: GET /ok
        expect: { status: 200 }
  - name: groups fail
    tags: [groups, inferred]
    steps:
      - request: GET /bad
        expect: { status: 200 }
  - name: users pass
    tags: [users]
    steps:
      - request: GET /ok
`;

const target = () => new FakeTarget({ handle: (req) => ({ status: req.pathAndQuery === "/bad" ? 500 : 200 }) });

describe("selecting tests", () => {
  it("filters by --grep (substring or /regex/) and --tag, and reports --skip-tag as skipped", async () => {
    const grep = await runYaml(SUITE, { target: target(), grep: "PASS" });
    expect(grep.tests.map((t) => t.id)).toEqual(["demo › health passes", "demo › users pass"]);
    const regex = await runYaml(SUITE, { target: target(), grep: "/^demo › g/" });
    expect(regex.tests.map((t) => t.name)).toEqual(["groups fail"]);
    const tags = await runYaml(SUITE, { target: target(), tags: ["users", "health"], skipTags: ["health"] });
    expect(tags.tests.map((t) => [t.name, t.outcome, t.skipReason])).toEqual([
      ["health passes", "skipped", "tagged health (--skip-tag health)"],
      ["users pass", "passed", undefined],
    ]);
  });

  it("is a usage error when nothing matches, or when --grep is a broken regex", () => {
    const suites = [suiteOf(SUITE)];
    expect(() => planTests({ suites, grep: "nothing like this" })).toThrow(
      expect.objectContaining({ code: "E_NO_TESTS" }),
    );
    expect(() => planTests({ suites, grep: "/(/" })).toThrow(expect.objectContaining({ code: "E_USAGE" }));
  });

  it("skips tests with `skip:` and tests limited to other targets, with the reason", async () => {
    const result = await runYaml(
      `name: s
tests:
  - name: later
    skip: waiting for the service to fix it
    steps: [{ wait: 1 }]
  - name: mock only
    targets: [mock]
    steps: [{ wait: 1 }]
`,
      { target: new FakeTarget({ kind: "live" }) },
    );
    expect(result.tests.map((t) => t.skipReason)).toEqual([
      "waiting for the service to fix it",
      "runs only on the mock target (this run: live)",
    ]);
  });
});

describe("running", () => {
  it("summarises, records metadata and resets the target before each test", async () => {
    const fake = target();
    const result = await runYaml(SUITE, { target: fake });
    expect(result.tests.map((t) => t.outcome)).toEqual(["passed", "failed", "passed"]);
    expect(result.summary).toMatchObject({ total: 3, passed: 2, failed: 1, errored: 0, skipped: 0 });
    expect(result.metadata).toMatchObject({
      hubkitVersion: HUBKIT_VERSION,
      apiVersion: "2022-06-01",
      target: { kind: "mock", endpoint: "http://fake.invalid" },
      runId: "rtest",
    });
    expect(fake.resets).toBe(3);
    expect(fake.closes).toBe(1);
    expect(result.tests[1]).toMatchObject({
      id: "demo › groups fail",
      file: "suite.yaml",
      position: { line: 8, column: 5 },
      tags: ["groups", "inferred"],
    });
  });

  it("with --bail, reports the tests after the first failure as skipped", async () => {
    const result = await runYaml(SUITE, { target: target(), bail: true });
    expect(result.tests.map((t) => [t.outcome, t.skipReason])).toEqual([
      ["passed", undefined],
      ["failed", undefined],
      ["skipped", "not run: --bail stopped the run after the first failure"],
    ]);
  });

  it("with --concurrency, runs tests on separate targets and keeps the results in suite order", async () => {
    const slow = (delay: number) =>
      new FakeTarget({
        handle: async () => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), delay)),
      });
    const [a, b] = [slow(40), slow(1)];
    const text = `name: p\ntests:\n${[1, 2, 3, 4].map((n) => `  - name: t${n}\n    steps: [{ request: GET /${n} }]`).join("\n")}\n`;
    const result = await runYaml(text, { targets: factoryOf(a, b), concurrency: 2 });
    expect(result.tests.map((t) => t.name)).toEqual(["t1", "t2", "t3", "t4"]);
    expect(a.requests.length + b.requests.length).toBe(4);
    expect(a.requests.length).toBeGreaterThan(0);
    expect(b.requests.length).toBeGreaterThan(0);
    expect([a.closes, b.closes]).toEqual([1, 1]);
  });

  it("gives each test its own ${test.id} and resolves variables per test", async () => {
    const fake = new FakeTarget();
    await runYaml(
      `name: v
variables:
  group: g-\${test.id}
  path: /\${group}/\${env.HUBKIT_X:-dflt}
tests:
  - name: one
    steps: [{ request: "GET \${path}" }]
  - name: two
    steps: [{ request: "GET \${path}" }]
`,
      { target: fake },
    );
    expect(fake.requests.map((r) => r.pathAndQuery)).toEqual(["/g-rtest_1/dflt", "/g-rtest_2/dflt"]);
  });

  it("calls reporter hooks in order: run start (with the count), each test, run end", async () => {
    const events: string[] = [];
    const reporter: Reporter = {
      name: "spy",
      onRunStart: (info) => void events.push(`start ${info.testCount} ${info.metadata.runId}`),
      onTestEnd: (test) => void events.push(`test ${test.name} ${test.outcome}`),
      onRunEnd: (result) => void events.push(`end ${result.summary.total}`),
    };
    await runYaml(SUITE, { target: target(), reporters: [reporter] });
    expect(events).toEqual([
      "start 3 rtest",
      "test health passes passed",
      "test groups fail failed",
      "test users pass passed",
      "end 3",
    ]);
  });
});
