// The conformance suites (suites/*.yaml) against the embedded mock: all pass, and together they exercise every
// operation of the spec with every status the spec documents for it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import {
  loadRunnableSuites,
  type RunResult,
  runSuites,
  type StepResult,
  type TestResult,
} from "../../src/runner/index.js";
import { loadServedSpec } from "../../src/spec/index.js";
import { createMockTargetFactory } from "../../src/targets/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SUITES = join(ROOT, "suites");
const AREAS = [
  "health",
  "connections",
  "groups",
  "users",
  "send",
  "close",
  "user-group-ttl",
  "application-prefix",
  "auth",
  "validation",
  "api-version",
  "upstream",
];
/** The 2024-12-01 suites (suites/v2024-12-01/), by suite name. */
const V2024: Readonly<Record<string, string>> = {
  "group members (2024-12-01)": "v2024-12-01/group-members",
  "client operations (2024-12-01)": "v2024-12-01/client-operations",
};
/** Documented statuses the mock cannot answer: it holds no client streams (docs/fidelity.md). */
const UNREACHABLE = new Set([
  "HubProxyV20241201_SendToConnectionStream 202",
  "HubProxyV20241201_CompleteConnectionStream 202",
  // After the 100 s invocation timeout: test/mock/v2024/invoke-clients.test.ts runs it with a short one.
  "HubProxyV20241201_InvokeClientConnection 408",
]);

// Every version hubkit ships, as the mock serves them.
const spec = loadServedSpec();
let result: RunResult;

beforeAll(async () => {
  const suites = await loadRunnableSuites(["suites"], { spec, env: {}, cwd: ROOT });
  result = await runSuites({ suites, targets: createMockTargetFactory(), spec, concurrency: 2, env: {} });
}, 120_000);

/**
 * Each test's comment (the lines above it) must cite Part 1 or a section (§) of the facts; one citing [INFER] needs
 * the `inferred` tag (its own or the suite's), and a test tagged `inferred` by itself must say which [INFER] fact.
 */
function commentProblems(file: string): string[] {
  const doc = parseDocument(readFileSync(file, "utf8"));
  const suiteTags = toStrings(doc.get("tags"));
  const tests = doc.get("tests", true);
  if (!isSeq(tests)) return [`${file}: no tests`];
  return tests.items.flatMap((item, index) => {
    if (!isMap(item)) return [`${file}: test ${index + 1} is not a mapping`];
    // The comment above the first item belongs to the sequence.
    const comment = (index === 0 ? (item.commentBefore ?? tests.commentBefore) : item.commentBefore) ?? "";
    const name = `${file} › ${String(item.get("name"))}`;
    const tags = toStrings(item.get("tags"));
    const problems: string[] = [];
    if (!/Part 1|§/.test(comment)) problems.push(`${name}: no comment citing the facts it rests on`);
    if (comment.includes("[INFER]") && !tags.includes("inferred") && !suiteTags.includes("inferred")) {
      problems.push(`${name}: rests on an [INFER] fact but is not tagged inferred`);
    }
    if (tags.includes("inferred") && !comment.includes("[INFER]")) {
      problems.push(`${name}: tagged inferred, but its comment cites no [INFER] fact`);
    }
    return problems;
  });
}

function toStrings(node: unknown): string[] {
  return isSeq(node) ? node.items.map((i) => String(isScalar(i) ? i.value : i)) : [];
}

/** `file:line  step title: check title (expected …, actual …)` for the first failing step of a test. */
function describeFailure(test: TestResult): string {
  const step = test.steps.find((s) => s.outcome === "failed" || s.outcome === "errored");
  if (!step) return `${test.id} (${test.file}:${test.position.line}): ${test.outcome} ${test.skipReason ?? ""}`;
  const where = `${step.position.file}:${step.position.line}`;
  if (step.outcome === "errored") return `${test.id}\n  ${where}  ${step.title}: ${step.error.message}`;
  const checks = step.checks
    .filter((c) => c.outcome === "failed")
    .map((c) => {
      const at = c.position ? `${c.position.file}:${c.position.line}  ` : "";
      return `    ${at}${c.title} (expected ${JSON.stringify(c.expected)}, actual ${JSON.stringify(c.actual)})`;
    });
  return [`${test.id}`, `  ${where}  ${step.title}`, ...checks].join("\n");
}

/** HTTP steps routed to an operation, with the pair they exercised. */
function httpSteps(): Array<StepResult & { operationId: string; status: number }> {
  return result.tests.flatMap((t) =>
    t.steps.flatMap((s) => {
      const pair =
        s.http?.operationId === undefined ? undefined : { operationId: s.http.operationId, status: s.http.status };
      return pair ? [{ ...s, ...pair }] : [];
    }),
  );
}

describe("the conformance suites against the embedded mock", () => {
  it("has one suite per area", () => {
    const names = new Set(result.tests.map((t) => t.suite));
    expect([...names].sort()).toEqual([...AREAS, ...Object.keys(V2024)].sort());
  });

  it("passes every test", () => {
    const notPassed = result.tests.filter((t) => t.outcome !== "passed");
    expect(notPassed.map(describeFailure).join("\n\n")).toBe("");
    expect(result.summary.passed).toBe(result.tests.length);
    expect(result.tests.length).toBeGreaterThan(80);
  });

  it("exercises every operation of the spec", () => {
    const exercised = new Set(httpSteps().map((s) => s.operationId));
    const missing = spec.operations.map((o) => o.operationId).filter((id) => !exercised.has(id));
    expect(missing).toEqual([]);
    expect(spec.operations).toHaveLength(26);
  });

  it("sees every status the spec documents for each operation", () => {
    const seen = new Set(httpSteps().map((s) => `${s.operationId} ${s.status}`));
    const missing = spec.operations.flatMap((o) =>
      [...o.responses.keys()]
        .filter((status) => /^\d{3}$/.test(status))
        .map((status) => `${o.operationId} ${status}`)
        .filter((pair) => !seen.has(pair) && !UNREACHABLE.has(pair)),
    );
    expect(missing).toEqual([]);
  });

  it("sees each 404 x-ms-error-code of Part 1 on its operation", () => {
    const seen = new Set(
      httpSteps()
        .filter((s) => s.status === 404)
        .map((s) => `${s.operationId} ${s.exchange?.response?.headers["x-ms-error-code"] ?? "(none)"}`),
    );
    const expected = [
      "SignalR_CloseConnection Warning.Connection.NotExisted",
      "SignalR_CheckConnectionExistence Warning.Connection.NotExisted",
      "SignalR_CheckGroupExistence Warning.Group.NotExisted",
      "SignalR_CheckUserExistence Warning.User.NotExisted",
      "SignalR_CheckUserExistenceInGroup Info.User.NotInGroup",
      "SignalR_AddConnectionToGroup Error.Connection.NotExisted",
      "SignalR_RemoveConnectionFromGroup Info.Connection.NotInGroup",
      "HubProxyV20241201_InvokeClientConnection Warning.Connection.NotExisted",
      "HubProxyV20241201_SendToConnectionStream Error.Stream.NotExisted",
      "HubProxyV20241201_CompleteConnectionStream Error.Stream.NotExisted",
    ];
    expect([...seen].sort()).toEqual(expected.sort());
  });

  it("comments every test with the facts it rests on, and tags [INFER] ones as inferred", () => {
    const files = [...AREAS, ...Object.values(V2024)];
    const problems = files.flatMap((area) => commentProblems(join(SUITES, `${area}.yaml`)));
    expect(problems.join("\n")).toBe("");
    expect(result.tests.filter((t) => t.tags.includes("inferred")).length).toBeGreaterThan(0);
  });

  it("delivers to real clients and sees them closed", () => {
    const kinds = new Set(result.tests.flatMap((t) => t.steps.map((s) => s.kind)));
    for (const kind of ["connect", "disconnect", "expectMessage", "expectClosed", "wait", "seed", "request"]) {
      expect(kinds, `a suite uses a ${kind} step`).toContain(kind);
    }
  });
});
