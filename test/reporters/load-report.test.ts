// readConformanceReport: loading a saved conformance.json with clear errors.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubkitError } from "../../src/errors.js";
import { buildConformanceReport, readConformanceReport } from "../../src/reporters/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { passingRun } from "../fixtures/runs/sample-runs.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hubkit-load-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(path: string): Promise<HubkitError> {
  const error = await readConformanceReport(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubkitError);
  expect((error as HubkitError).code).toBe("E_REPORT_INPUT");
  return error as HubkitError;
}

describe("readConformanceReport", () => {
  it("reads a saved report", async () => {
    const path = join(dir, "ok.json");
    await writeFile(path, JSON.stringify(buildConformanceReport(passingRun(), loadSpec())));
    expect((await readConformanceReport(path)).metadata.runId).toBe("run-mock-1");
  });

  it("names a missing file", async () => {
    const path = join(dir, "missing.json");
    expect((await rejection(path)).message).toBe(`report file ${path} does not exist`);
  });

  it("names a file that is not JSON", async () => {
    const path = join(dir, "junit.xml");
    await writeFile(path, "<testsuites/>");
    const error = await rejection(path);
    expect(error.message).toMatch(new RegExp(`^report file ${path} is not JSON`));
    expect(error.hint).toMatch(/conformance.json, not junit.xml/);
  });

  it("names a JSON file that is not a conformance report, with the first problems", async () => {
    const path = join(dir, "other.json");
    await writeFile(path, JSON.stringify({ tests: [] }));
    const error = await rejection(path);
    expect(error.message).toMatch(new RegExp(`^report file ${path} is not a hubkit conformance report: `));
    expect(error.message).toContain("must have required property 'schemaVersion'");
  });

  it("names a folder it cannot read", async () => {
    expect((await rejection(dir)).message).toBe(`report file ${dir} cannot be read`);
  });
});
