// Coverage per API version: figures per version in conformance.json, a matrix per version in report.html, per-version
// rows in summary.md and junit.xml, older reports upgraded on load, and merge/diff over per-version coverage.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubkitError } from "../../src/errors.js";
import {
  buildConformanceReport,
  type ConformanceReport,
  diffReports,
  mergeReports,
  readConformanceReport,
  renderDiffMarkdown,
  renderDiffText,
  renderHtml,
  renderJunit,
  renderMarkdown,
  validateReportDocument,
} from "../../src/reporters/index.js";
import type { RunResult } from "../../src/results/result.js";
import { summarize } from "../../src/results/result.js";
import { loadServedSpec, loadSpec } from "../../src/spec/index.js";
import { passingRun, twoVersionRun } from "../fixtures/runs/sample-runs.js";
import { expectGolden, scrubVolatile } from "./golden.js";

const union = loadServedSpec();
const single = loadSpec();

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hubkit-versions-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The `<table>` of one version's matrix in report.html. */
function versionTable(html: string, apiVersion: string): string {
  const match = new RegExp(`<table class="matrix"[^>]*data-api-version="${apiVersion}">[\\s\\S]*?</table>`).exec(html);
  expect(match, `a matrix for ${apiVersion}`).not.toBeNull();
  return match![0];
}

function rowCount(table: string): number {
  return table.match(/<tr><th scope="row"/g)?.length ?? 0;
}

function headers(table: string): number[] {
  return [...table.matchAll(/<th scope="col">(\d+)<\/th>/g)].map((m) => Number(m[1]));
}

/**
 * What conformance.json looked like before per-version coverage (schema version 1): no `versions`, rows without
 * versions (single-version runs), steps with top-level `operationId`/`status` instead of `http`.
 */
function asOlderReport(report: ConformanceReport, options: { keepRowVersions: boolean }): unknown {
  const old = JSON.parse(JSON.stringify(report));
  old.schemaVersion = 1;
  delete old.coverage.versions;
  if (!options.keepRowVersions) for (const row of old.coverage.rows) delete row.apiVersions;
  for (const test of old.tests) {
    for (const step of test.steps) {
      if (!step.http) continue;
      step.operationId = step.http.operationId;
      step.status = step.http.status;
      delete step.http;
    }
  }
  return old;
}

async function saved(name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

describe("coverage per API version in conformance.json", () => {
  it("counts each version over the operations it defines; an operation of both versions counts in both", () => {
    const { coverage } = buildConformanceReport(twoVersionRun(), union);
    const [older, newer] = coverage.versions;
    expect(coverage.versions.map((v) => v.apiVersion)).toEqual(["2022-06-01", "2024-12-01"]);
    expect(older!.operations).toEqual({ total: 19, exercised: 18, passed: 18, percent: 94.7 });
    expect(newer!.operations).toEqual({ total: 26, exercised: 21, passed: 21, percent: 80.7 });
    // The overall figures are the union's: every operation once.
    expect(coverage.operations).toMatchObject({ total: 26, exercised: 21 });

    const onlyNewer = coverage.rows.filter((r) => !r.apiVersions.includes("2022-06-01"));
    expect(onlyNewer.map((r) => r.operationId).sort()).toEqual([
      "Auth_GetAccessKey",
      "HubProxyV20221101_GenerateClientToken",
      "HubProxyV20230701_Execute",
      "HubProxyV20241201_CompleteConnectionStream",
      "HubProxyV20241201_InvokeClientConnection",
      "HubProxyV20241201_ListConnectionsInGroup",
      "HubProxyV20241201_SendToConnectionStream",
    ]);
    const documented = onlyNewer.flatMap((r) => r.cells.filter((c) => c.documented)).length;
    expect(newer!.pairs.total).toBe(older!.pairs.total + documented);
    // List 200, GenerateToken 200, Invoke 200 and 404: four documented pairs only 2024-12-01 has.
    expect(newer!.pairs.exercised).toBe(older!.pairs.exercised + 4);
    expect(coverage.pairs.total).toBe(newer!.pairs.total);
  });

  it("a single-version spec gives one entry with the overall figures, and every row names that version", () => {
    const { coverage } = buildConformanceReport(passingRun(), single);
    expect(coverage.versions).toEqual([
      { apiVersion: "2022-06-01", operations: coverage.operations, pairs: coverage.pairs },
    ]);
    expect(new Set(coverage.rows.map((r) => r.apiVersions.join("+")))).toEqual(new Set(["2022-06-01"]));
  });

  it("validates against spec/report.schema.json, and the schema rejects a malformed per-version entry", () => {
    const report = buildConformanceReport(twoVersionRun(), union);
    expect(validateReportDocument(report)).toEqual([]);
    const bad = JSON.parse(JSON.stringify(report)) as { coverage: { versions: Array<Record<string, unknown>> } };
    delete bad.coverage.versions[1]!.pairs;
    expect(validateReportDocument(bad)).toContain("/coverage/versions/1 must have required property 'pairs'");
  });
});

describe("report.html per API version", () => {
  const html = renderHtml(buildConformanceReport(twoVersionRun(), union));

  it("says each version's operation count at a glance, in the heading and the summary figures", () => {
    expect(html).toContain("<span>API <b>2022-06-01 + 2024-12-01</b></span>");
    expect(html).toContain("<h2>Coverage by API version: 2022-06-01: 18/19 · 2024-12-01: 21/26 operations</h2>");
    expect(html).toContain('<div class="n">18/19</div><div class="label">Operations 2022-06-01</div>');
    expect(html).toContain('<div class="n">21/26</div><div class="label">Operations 2024-12-01</div>');
  });

  it("draws one matrix per version with the operations that version defines", () => {
    const older = versionTable(html, "2022-06-01");
    const newer = versionTable(html, "2024-12-01");
    expect(rowCount(older)).toBe(19);
    expect(rowCount(newer)).toBe(26);
    expect(older).not.toContain("HubProxyV20241201_ListConnectionsInGroup");
    expect(newer).toContain(
      'ListConnectionsInGroup</span></th><td class="c-passed" title="HubProxyV20241201_ListConnectionsInGroup 200: documented; 1 step(s)',
    );
    // Shared operations appear in both, with the same cells.
    expect(older).toContain(
      'title="SignalR_Broadcast 202: documented; 1 step(s), all passed; tests: send › broadcast"',
    );
    expect(newer).toContain(
      'title="SignalR_Broadcast 202: documented; 1 step(s), all passed; tests: send › broadcast"',
    );
    // 408 is documented by :invoke only, so only the 2024-12-01 matrix has the column.
    expect(headers(older)).not.toContain(408);
    expect(headers(newer)).toContain(408);
    const { versions } = buildConformanceReport(twoVersionRun(), union).coverage;
    expect(html).toContain(
      `API 2024-12-01: 21 of 26 operations, ${versions[1]!.pairs.exercised} of ${versions[1]!.pairs.total} documented operation × status pairs`,
    );
  });

  it("a single-version run keeps one matrix, its heading naming the version", () => {
    const one = renderHtml(buildConformanceReport(passingRun(), single));
    expect(one.match(/<table class="matrix"/g)).toHaveLength(1);
    expect(one).not.toContain("data-api-version");
    expect(one).toMatch(/<h2>Coverage \(API 2022-06-01\): 19 of 19 operations, \d+ of \d+ documented/);
    expect(one).toContain('<div class="label">Operations</div>');
  });

  it("matches the golden file", () => {
    expectGolden("two-versions.html", renderHtml(buildConformanceReport(scrubVolatile(twoVersionRun()), union)));
  });
});

describe("summary.md and junit.xml per API version", () => {
  const report = buildConformanceReport(twoVersionRun(), union);
  const [older, newer] = report.coverage.versions;

  it("summary.md has a row per version and names each gap's versions", () => {
    const md = renderMarkdown(report);
    expect(md).toContain("| API version | Operations | Operation × status |");
    expect(md).toContain(
      `| 2022-06-01 | 18/19 | ${older!.pairs.exercised}/${older!.pairs.total} (${older!.pairs.percent}%) |`,
    );
    expect(md).toContain(
      `| 2024-12-01 | 21/26 | ${newer!.pairs.exercised}/${newer!.pairs.total} (${newer!.pairs.percent}%) |`,
    );
    expect(md).toContain("| Operation | API versions | Not exercised | Failed | Undocumented but observed |");
    expect(md).toContain("| `SignalR_CloseUserConnections` | 2022-06-01, 2024-12-01 | 204, 400, 401 | – | – |");
    expect(md).toContain("| `Auth_GetAccessKey` | 2024-12-01 | 200, 400, 401 | – | – |");
    expectGolden("two-versions.md", renderMarkdown(buildConformanceReport(scrubVolatile(twoVersionRun()), union)));
  });

  it("a single-version summary.md has no version table or column", () => {
    const md = renderMarkdown(buildConformanceReport(passingRun(), single));
    expect(md).not.toContain("| API version |");
    expect(md).toContain("| Operation | Not exercised | Failed | Undocumented but observed |");
  });

  it("junit.xml carries the figures of each version as properties", () => {
    const xml = renderJunit(report);
    expect(xml).toContain('<property name="coverage.2022-06-01.operations" value="18/19"/>');
    expect(xml).toContain('<property name="coverage.2024-12-01.operations" value="21/26"/>');
    expect(xml).toContain(
      `<property name="coverage.2024-12-01.pairs" value="${newer!.pairs.exercised}/${newer!.pairs.total}"/>`,
    );
  });
});

describe("reports written before per-version coverage", () => {
  it("a single-version report loads with its rows given the run's version and the figures derived", async () => {
    const fresh = buildConformanceReport(passingRun(), single);
    const loaded = await readConformanceReport(
      await saved("old-single.json", asOlderReport(fresh, { keepRowVersions: false })),
    );
    expect(loaded.coverage.versions).toEqual(fresh.coverage.versions);
    expect(loaded.coverage.rows.every((r) => r.apiVersions.join() === "2022-06-01")).toBe(true);
    expect(renderHtml(loaded)).toBe(renderHtml(fresh));
  });

  it("a report over both versions (rows with versions, no per-version figures) renders both matrices", async () => {
    const fresh = buildConformanceReport(twoVersionRun(), union);
    const loaded = await readConformanceReport(
      await saved("old-union.json", asOlderReport(fresh, { keepRowVersions: true })),
    );
    expect(loaded.coverage.versions).toEqual(fresh.coverage.versions);
    expect(renderHtml(loaded)).toContain("2022-06-01: 18/19 · 2024-12-01: 21/26 operations");
  });

  it("steps written with a top-level operationId and status load as typed http hits, with the same coverage", async () => {
    const fresh = buildConformanceReport(twoVersionRun(), union);
    const old = asOlderReport(fresh, { keepRowVersions: true }) as { tests: Array<{ steps: object[] }> };
    expect(old.tests[0]!.steps[0]).toMatchObject({ operationId: "HealthApi_GetServiceStatus", status: 200 });
    const loaded = await readConformanceReport(await saved("old-steps.json", old));
    expect(loaded.schemaVersion).toBe(2);
    expect(loaded.tests).toEqual(fresh.tests);
    expect(loaded.tests[0]!.steps[0]).not.toHaveProperty("operationId");
    const merged = mergeReports([{ path: "old-steps.json", report: loaded }], union);
    expect(merged.coverage).toEqual(fresh.coverage);
  });

  it("a report of a later schema version is refused with the file and the field", async () => {
    const path = await saved("later.json", { ...buildConformanceReport(passingRun(), single), schemaVersion: 3 });
    const error = await readConformanceReport(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as HubkitError).code).toBe("E_REPORT_INPUT");
    expect((error as HubkitError).message).toContain(`report file ${path} is not a hubkit conformance report`);
    expect((error as HubkitError).message).toContain("/schemaVersion must be equal to one of the allowed values");
  });

  it("a malformed per-version entry is refused with the file and the field", async () => {
    const fresh = JSON.parse(JSON.stringify(buildConformanceReport(twoVersionRun(), union)));
    fresh.coverage.versions = [{ apiVersion: "2022-06-01" }];
    const path = await saved("bad-versions.json", fresh);
    const error = await readConformanceReport(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HubkitError);
    expect((error as HubkitError).code).toBe("E_REPORT_INPUT");
    expect((error as HubkitError).message).toContain(`report file ${path} is not a hubkit conformance report`);
    expect((error as HubkitError).message).toContain("/coverage/versions/0 must have required property 'operations'");
  });
});

describe("merge and diff over per-version coverage", () => {
  function shard(run: RunResult, part: 0 | 1): ConformanceReport {
    const tests = run.tests.filter((_, i) => i % 2 === part);
    return buildConformanceReport({ ...run, tests, summary: summarize(tests, 100) }, union);
  }

  it("merging the shards of a two-version run gives the unsharded run's per-version figures", async () => {
    const run = twoVersionRun();
    const whole = buildConformanceReport(run, union);
    const a = shard(run, 0);
    // One shard was written by an older hubkit: it is upgraded on load and merges all the same.
    const b = await readConformanceReport(
      await saved("old-shard.json", asOlderReport(shard(run, 1), { keepRowVersions: true })),
    );
    expect(a.coverage.versions[1]!.operations.exercised).toBeLessThan(21);
    const merged = mergeReports(
      [
        { path: "a.json", report: a },
        { path: "b.json", report: b },
      ],
      union,
    );
    expect(merged.coverage.versions).toEqual(whole.coverage.versions);
    expect(merged.coverage.rows).toEqual(whole.coverage.rows);
  });

  it("refuses to merge a report covering one version with one covering both, naming the difference", () => {
    const run = twoVersionRun();
    const both = shard(run, 0);
    const tests = run.tests.filter((_, i) => i % 2 === 1 && run.tests[i]!.suite !== "v2024");
    const older = buildConformanceReport({ ...run, tests, summary: summarize(tests, 100) }, single);
    const merge = () =>
      mergeReports(
        [
          { path: "both.json", report: both },
          { path: "older.json", report: older },
        ],
        union,
      );
    expect(merge).toThrow(HubkitError);
    expect(merge).toThrow(
      'Cannot merge older.json into both.json: they differ in API versions covered (["2022-06-01"] vs ["2022-06-01","2024-12-01"])',
    );
  });

  it("hubkit diff shows each side's operations per version and names the changed cells", () => {
    const a = buildConformanceReport(twoVersionRun(), union);
    const run = twoVersionRun();
    const b = buildConformanceReport(
      { ...run, tests: run.tests.filter((t) => t.suite !== "v2024"), summary: summarize([], 0) },
      union,
    );
    const diff = diffReports(a, b, { a: "both.json", b: "older.json" });
    expect(diff.a.versions.map((v) => v.operations.exercised)).toEqual([18, 21]);
    expect(diff.b.versions.map((v) => v.operations.exercised)).toEqual([18, 18]);
    expect(renderDiffText(diff)).toContain("(operations 2022-06-01: 18/19, 2024-12-01: 21/26)");
    expect(renderDiffText(diff)).toContain("(operations 2022-06-01: 18/19, 2024-12-01: 18/26)");
    expect(renderDiffMarkdown(diff)).toContain("(operations 2022-06-01: 18/19, 2024-12-01: 18/26)");
    expect(diff.cells.changed).toContainEqual({
      operationId: "HubProxyV20241201_InvokeClientConnection",
      status: 404,
      from: "passed",
      to: "untested",
      kind: "change",
    });
  });
});
