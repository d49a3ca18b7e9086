// The 2024-12-01 suites (suites/v2024-12-01/) pass against the built-in mock and, through `hubkit run
// --connection-string`, against a separately started mock, the 450-member group listed in three pages on both.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { loadRunnableSuites, type RunResult, runSuites, type TestResult } from "../../src/runner/index.js";
import { loadServedSpec } from "../../src/spec/index.js";
import { createMockTargetFactory, type TargetFactory } from "../../src/targets/index.js";

import { captureIo } from "../support/capture-io.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const KEY = "v2024-live-suites-key-0123456789abcdef";
const PAGED =
  "group members (2024-12-01) › a group of 450 members is listed in three pages by following the absolute nextLinks";
const spec = loadServedSpec();

async function run(targets: TargetFactory): Promise<RunResult> {
  const suites = await loadRunnableSuites(["suites/v2024-12-01"], { spec, env: {}, cwd: ROOT });
  return runSuites({ suites, targets, spec, concurrency: 2, env: {} });
}

function notPassed(result: RunResult): string[] {
  return result.tests
    .filter((t) => t.outcome === "failed" || t.outcome === "errored")
    .map((t) => `${t.id}: ${JSON.stringify(t.steps.find((s) => s.outcome !== "passed"))}`);
}

/** The paged test's three list requests: the first call, then two followed nextLinks, all 200. */
function pages(test: TestResult | undefined) {
  return (test?.steps ?? [])
    .filter((s) => s.http?.operationId === "HubProxyV20241201_ListConnectionsInGroup")
    .map((s) => ({ kind: s.kind, status: s.http?.status, url: s.exchange?.request.url ?? "" }));
}

function expectThreePages(result: RunResult): void {
  const paged = result.tests.find((t) => t.id === PAGED);
  expect(paged?.outcome).toBe("passed");
  const seen = pages(paged);
  expect(seen.map((p) => [p.kind, p.status])).toEqual([
    ["call", 200],
    ["request", 200],
    ["request", 200],
  ]);
  expect(seen[1]!.url).toContain("continuationToken=");
  expect(seen[2]!.url).toContain("continuationToken=");
  expect(seen[2]!.url).not.toBe(seen[1]!.url);
}

describe("suites/v2024-12-01 against the built-in mock", () => {
  it("passes every test, the 450 members in three pages", async () => {
    const result = await run(createMockTargetFactory());
    expect(notPassed(result)).toEqual([]);
    expect(result.summary.skipped).toBe(0);
    expectThreePages(result);
  });
});

describe("suites/v2024-12-01 through `hubkit run --connection-string` against a separately started mock", () => {
  // Reached only through its URL, its REST API and its admin API, as a `hubkit mock` in another process would be:
  // `hubkit run` finds its admin API and seeds it there, so no test is skipped for want of seeding.
  let mock: MockServer;
  let connectionString = "";
  beforeAll(async () => {
    mock = await createMockServer({ port: 0, accessKeys: [KEY] });
    connectionString = `Endpoint=http://localhost;Port=${new URL(mock.url).port};AccessKey=${KEY};Version=1.0;`;
  });
  afterAll(async () => {
    await mock.close();
  });

  it("passes every test as a running hubkit mock, the 450 members in three pages", async () => {
    const sink = captureIo(ROOT);
    const outDir = mkdtempSync(join(tmpdir(), "hubkit-v2024-live-"));
    const code = await runCommand(
      [
        "suites/v2024-12-01",
        "--connection-string",
        connectionString,
        "--reporter",
        "console",
        "--reporter",
        "json",
        "--out-dir",
        outDir,
      ],
      sink.io,
    );
    expect(sink.err()).toBe("");
    expect(sink.out()).toContain("against the running hubkit mock http://localhost:");
    expect(sink.out()).toMatch(/Tests: \d+ passed, 0 failed, 0 errored, 0 skipped/);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(outDir, "conformance.json"), "utf8")) as {
      tests: Array<{
        id: string;
        outcome: string;
        steps: Array<{ kind: string; http?: { status: number; operationId?: string } }>;
      }>;
    };
    const paged = report.tests.find((t) => t.id === PAGED);
    expect(paged?.outcome).toBe("passed");
    // The first page by operation, then the two absolute nextLinks it returned, followed with `request`.
    expect(
      paged?.steps
        .filter((s) => s.http?.operationId === "HubProxyV20241201_ListConnectionsInGroup")
        .map((s) => [s.kind, s.http?.status]),
    ).toEqual([
      ["call", 200],
      ["request", 200],
      ["request", 200],
    ]);
  });
});
