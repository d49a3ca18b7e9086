// renderJunit: failures vs errors, skips, escaping.
import { describe, expect, it } from "vitest";
import { buildConformanceReport, renderJunit } from "../../src/reporters/index.js";
import type { StepResult } from "../../src/results/result.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun } from "../fixtures/runs/sample-runs.js";

const spec = loadSpec();

function testcase(xml: string, name: string): string {
  const start = xml.indexOf(`<testcase name="${name}"`);
  expect(start, `testcase ${name}`).toBeGreaterThan(-1);
  const selfClosing = xml.indexOf("/>", start);
  const open = xml.indexOf(">", start);
  if (selfClosing === open - 1) return xml.slice(start, open + 1);
  return xml.slice(start, xml.indexOf("</testcase>", start) + "</testcase>".length);
}

describe("renderJunit", () => {
  const xml = renderJunit(buildConformanceReport(failingRun(), spec));

  it("has one testsuite per suite file with correct counts", () => {
    const suites = [
      ...xml.matchAll(
        /<testsuite name="([^"]*)" file="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g,
      ),
    ];
    expect(suites.map((m) => m[2])).toEqual([
      "suites/health.yaml",
      "suites/connections.yaml",
      "suites/groups.yaml",
      "suites/users.yaml",
      "suites/send.yaml",
      "suites/auth.yaml",
      "suites/validation.yaml",
      "suites/escapes &lt;b&gt;&quot;names&quot;&lt;/b&gt; &amp; ]]&gt; safely.yaml",
    ]);
    expect(xml).toMatch(
      /<testsuites name="hubkit conformance \(live\)" tests="27" failures="3" errors="1" skipped="1"/,
    );
    const groups = suites.find((m) => m[1] === "groups")!;
    expect(groups.slice(3, 7)).toEqual(["5", "0", "1", "0"]);
  });

  it("uses <failure> for failed checks, <error> for errored steps, <skipped> with the reason", () => {
    const failed = testcase(xml, "send to a user");
    expect(failed).toContain(
      '<failure message="2 of 2 checks failed: status is 202; error.code is absent" type="status">',
    );
    expect(failed).toContain("expected: 202");
    expect(failed).toContain("actual:   400");
    expect(failed).toContain("(suites/users.yaml:19:17)");
    expect(failed).toContain("> POST /api/hubs/chat/users/user-1/:send");
    expect(failed).not.toContain("<error");
    const errored = testcase(xml, "add a connection to a group");
    expect(errored).toMatch(
      /<error message="Connection refused: connect ECONNREFUSED[^"]*" type="Connection refused">/,
    );
    expect(errored).toContain("hint: Check that the endpoint is reachable");
    expect(errored).not.toContain("<failure");
    expect(testcase(xml, "a token for another hub is 401")).toContain(
      '<skipped message="needs capability `forge-tokens`, which the live target does not have"/>',
    );
    expect(testcase(xml, "service is healthy")).toMatch(/file="suites\/health.yaml" line="3" time="0.005"\/>$/);
  });

  it("escapes attributes and keeps CDATA sections intact when text contains ]]> and control characters", () => {
    const run = passingRun();
    const base = run.tests[0]!;
    const step: StepResult = {
      ...base.steps[0]!,
      outcome: "failed",
      failure: 'body "a" & <b> ]]> then \u0001 bell\u0007',
      checks: [{ kind: "body", outcome: "failed", title: "body ]]> matches", expected: "x]]>y", actual: "\u0000" }],
    };
    const out = renderJunit(
      buildConformanceReport(
        { ...run, tests: [{ ...base, name: "n<&>\"'", outcome: "failed", skipReason: undefined, steps: [step] }] },
        spec,
      ),
    );
    expect(out).toContain('<testcase name="n&lt;&amp;&gt;&quot;&apos;"');
    expect(out).toContain('message="body &quot;a&quot; &amp; &lt;b&gt; ]]&gt; then \uFFFD bell\uFFFD"');
    const body = out.slice(out.indexOf("<![CDATA["), out.indexOf("</failure>"));
    expect(body).toContain("]]]]><![CDATA[>");
    for (const control of ["\u0000", "\u0001", "\u0007"]) expect(body.includes(control)).toBe(false);
    // Removing the split markers gives back the original text.
    expect(body.replaceAll("]]><![CDATA[", "")).toContain("expected: x]]>y");
  });
});
