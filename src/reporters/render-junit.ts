// junit.xml: one <testsuite> per suite file, one <testcase> per test; <failure> for checks, <error> for errored steps;
// a run-level warning goes to the <system-err> of the test it was seen in, which CI test views show next to the test.
import type { RunWarning, TestResult } from "../results/result.js";
import type { ConformanceReport } from "./conformance-report.js";
import { describeStepProblem } from "./plain-failure.js";
import { cdata, escapeXml, problemSteps, stepProblem } from "./text-format.js";

export function renderJunit(report: ConformanceReport): string {
  const { summary, metadata } = report;
  const suites = groupByFile(report.tests);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attrs({
      name: `hubkit conformance (${metadata.target.kind})`,
      tests: summary.total,
      failures: summary.failed,
      errors: summary.errored,
      skipped: summary.skipped,
      time: seconds(summary.durationMs),
      timestamp: metadata.startedAt,
    })}>`,
  ];
  for (const [file, tests] of suites) lines.push(...renderSuite(report, file, tests));
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

function renderSuite(report: ConformanceReport, file: string, tests: TestResult[]): string[] {
  const count = (o: string) => tests.filter((t) => t.outcome === o).length;
  const lines = [
    `  <testsuite ${attrs({
      name: tests[0]?.suite ?? file,
      file,
      tests: tests.length,
      failures: count("failed"),
      errors: count("errored"),
      skipped: count("skipped"),
      time: seconds(tests.reduce((sum, t) => sum + t.durationMs, 0)),
      timestamp: report.metadata.startedAt,
    })}>`,
    "    <properties>",
    ...Object.entries(properties(report)).map(([name, value]) => `      <property ${attrs({ name, value })}/>`),
    "    </properties>",
  ];
  const warnings = report.warnings ?? [];
  for (const test of tests)
    lines.push(
      ...renderCase(
        test,
        warnings.filter((w) => w.test === test.id),
      ),
    );
  lines.push("  </testsuite>");
  return lines;
}

function properties(report: ConformanceReport): Record<string, string> {
  const { metadata, coverage } = report;
  return {
    "hubkit.version": metadata.hubkitVersion,
    "api.version": metadata.apiVersion,
    "target.kind": metadata.target.kind,
    "target.endpoint": metadata.target.endpoint,
    "run.id": metadata.runId,
    "coverage.operations": `${coverage.operations.exercised}/${coverage.operations.total}`,
    "coverage.pairs": `${coverage.pairs.exercised}/${coverage.pairs.total}`,
    ...(report.warnings?.length ? { warnings: String(report.warnings.length) } : {}),
    // Per version only when there are several: a single-version run's figures are the ones above.
    ...(coverage.versions.length > 1
      ? Object.fromEntries(
          coverage.versions.flatMap((v) => [
            [`coverage.${v.apiVersion}.operations`, `${v.operations.exercised}/${v.operations.total}`],
            [`coverage.${v.apiVersion}.pairs`, `${v.pairs.exercised}/${v.pairs.total}`],
          ]),
        )
      : {}),
  };
}

function renderCase(test: TestResult, warnings: readonly RunWarning[]): string[] {
  const open = `    <testcase ${attrs({
    name: test.name,
    classname: test.suite,
    file: test.file,
    line: test.position.line,
    time: seconds(test.durationMs),
  })}`;
  const inner = [
    ...(test.outcome === "passed" ? [] : [`      ${outcomeElement(test)}`]),
    ...(warnings.length === 0
      ? []
      : [`      <system-err>${cdata(warnings.map((w) => `warning ${w.code}: ${w.message}`).join("\n"))}</system-err>`]),
  ];
  if (inner.length === 0) return [`${open}/>`];
  return [`${open}>`, ...inner, "    </testcase>"];
}

function outcomeElement(test: TestResult): string {
  if (test.outcome === "skipped") {
    const reason = test.skipReason || "skipped";
    return `<skipped ${attrs({ message: reason })}/>`;
  }
  const steps = problemSteps(test);
  const first = steps[0];
  const tag = test.outcome === "errored" ? "error" : "failure";
  const message = first ? stepProblem(first) : `test ${test.outcome}`;
  const type =
    first?.outcome === "errored"
      ? first.error.title
      : (first?.checks.find((c) => c.outcome === "failed")?.kind ?? first?.kind ?? tag);
  const body = steps.map(describeStepProblem).join("\n\n");
  return `<${tag} ${attrs({ message, type })}>${cdata(body)}</${tag}>`;
}

function groupByFile(tests: readonly TestResult[]): Map<string, TestResult[]> {
  const groups = new Map<string, TestResult[]>();
  for (const test of tests) groups.set(test.file, [...(groups.get(test.file) ?? []), test]);
  return groups;
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${escapeXml(String(value))}"`)
    .join(" ");
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
