// Run-level warnings: a retry sooner than the Retry-After the mock answered becomes a `warnings` entry of the run
// result and conformance.json (valid against the schema, kept by a shard merge), printed by the console reporter
// and shown in summary.md, report.html and junit.xml; a run without such a retry has no `warnings` at all.
import { describe, expect, it } from "vitest";
import { buildConformanceReport } from "../../src/reporters/build-report.js";
import { createConsoleReporter } from "../../src/reporters/console.js";
import { mergeReports } from "../../src/reporters/merge-reports.js";
import { renderHtml } from "../../src/reporters/render-html.js";
import { renderJunit } from "../../src/reporters/render-junit.js";
import { renderMarkdown } from "../../src/reporters/render-markdown.js";
import { validateReportDocument } from "../../src/reporters/report-schema.js";
import { RETRY_AFTER_IGNORED } from "../../src/results/result.js";
import { createMockTargetFactory } from "../../src/targets/index.js";
import { runYaml, spec } from "../runner/run-helpers.js";

const targets = createMockTargetFactory();

/** The second call is a retry of the first (same method, path and body) that ignores its Retry-After of 30 s. */
const suite = (retryAfter: string) => `name: retries
tests:
  - name: impatient client
    steps:
      - fault: { match: { operationId: SignalR_Broadcast }, status: 503, ${retryAfter} times: 1 }
      - call: SignalR_Broadcast
        params: { hub: chat }
        body: { target: m }
        expect: { status: 503 }
      - call: SignalR_Broadcast
        params: { hub: chat }
        body: { target: m }
        expect: { status: 202 }
`;

describe("run-level warnings", () => {
  it("a retry sooner than its Retry-After is a warning of the run, in every report", async () => {
    let printed = "";
    const result = await runYaml(suite("retryAfter: 30,"), {
      targets,
      timeoutMs: 20_000,
      reporters: [createConsoleReporter({ out: { write: (t: string) => (printed += t), isTTY: false } })],
    });
    expect(result.summary.passed).toBe(1);
    expect(result.warnings).toEqual([
      {
        code: RETRY_AFTER_IGNORED,
        message: expect.stringMatching(
          /^attempt 2 of POST \/api\/hubs\/chat\/:send.* sooner than its Retry-After of 30000 ms$/,
        ),
        test: "retries › impatient client",
      },
    ]);
    expect(printed).toMatch(
      /warning: attempt 2 of POST \/api\/hubs\/chat\/:send.*Retry-After.*\(retries › impatient client\)/,
    );

    const report = buildConformanceReport(result, spec);
    expect(report.warnings).toEqual(result.warnings);
    expect(validateReportDocument(JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(renderMarkdown(report)).toContain("### Warnings (1)");
    expect(renderMarkdown(report)).toMatch(
      /- ⚠️ attempt 2 of POST .*Retry-After of 30000 ms \(retries › impatient client\)/,
    );
    expect(renderHtml(report)).toContain('<h2 id="warnings">Warnings (1)</h2>');
    expect(renderHtml(report)).toContain(`<code>${RETRY_AFTER_IGNORED}</code> attempt 2 of POST`);
    // JUnit: counted in the properties, and in the <system-err> of the test it was seen in.
    const junit = renderJunit(report);
    expect(junit).toContain('<property name="warnings" value="1"/>');
    expect(junit).toMatch(
      /<testcase name="impatient client"[^>]*>\n {6}<system-err><!\[CDATA\[warning W_RETRY_AFTER_IGNORED: attempt 2 of POST [^\]]*Retry-After of 30000 ms\]\]><\/system-err>\n {4}<\/testcase>/,
    );

    const merged = mergeReports(
      [
        { path: "a.json", report },
        { path: "b.json", report: { ...report, tests: [] } },
      ],
      spec,
    );
    expect(merged.warnings).toHaveLength(2);
  });

  it("a run without an early retry has no warnings field, and the schema refuses a malformed warning", async () => {
    const result = await runYaml(suite(""), { targets, timeoutMs: 20_000 });
    expect(result.summary.passed).toBe(1);
    expect(result).not.toHaveProperty("warnings");
    const report = buildConformanceReport(result, spec);
    expect(report).not.toHaveProperty("warnings");
    expect(renderMarkdown(report)).not.toContain("Warnings");
    expect(renderJunit(report)).not.toMatch(/system-err|name="warnings"/);
    const bad = { ...JSON.parse(JSON.stringify(report)), warnings: [{ message: "x", extra: 1 }] };
    expect(validateReportDocument(bad)).toEqual(expect.arrayContaining([expect.stringContaining("/warnings/0")]));
  });
});
