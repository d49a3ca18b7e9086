// The reporter registry: names, parsing of --reporter, atomic file writes.
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HubkitError } from "../../src/errors.js";
import {
  createReporters,
  type FileReporter,
  parseReporterNames,
  readConformanceReport,
  writeFileAtomic,
} from "../../src/reporters/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun, SAMPLE_ACCESS_KEY } from "../fixtures/runs/sample-runs.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hubkit-reporters-"));
  dirs.push(dir);
  return dir;
}

function usageError(fn: () => unknown): HubkitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HubkitError) return error;
    throw error;
  }
  throw new Error("expected a HubkitError");
}

describe("createReporters", () => {
  it("creates file reporters by name that write into the output folder (created when missing)", async () => {
    const outDir = join(await tempDir(), "nested", "reports");
    const reporters = createReporters(["json", "junit", "html", "md"], { spec: loadSpec(), outDir });
    expect(reporters.map((r) => r.name)).toEqual(["json", "junit", "html", "md"]);
    expect((reporters[2] as FileReporter).path).toBe(join(outDir, "report.html"));
    for (const r of reporters) await r.onRunEnd?.(passingRun());
    expect((await readdir(outDir)).sort()).toEqual(["conformance.json", "junit.xml", "report.html", "summary.md"]);
    const report = await readConformanceReport(join(outDir, "conformance.json"));
    expect(report.summary.total).toBe(27);
  });

  it("rejects unknown names with E_REPORTER, naming the valid reporters", () => {
    const error = usageError(() => createReporters(["html", "pdf"], { spec: loadSpec() }));
    expect(error.code).toBe("E_REPORTER");
    expect(error.message).toBe('unknown reporter "pdf"; expected one of console, json, junit, html, md');
  });

  it("registers the console reporter, writing to the given stream through the same redaction", async () => {
    let text = "";
    const [reporter] = createReporters(["console"], {
      spec: loadSpec(),
      stdout: { write: (t: string) => (text += t) },
      secrets: [SAMPLE_ACCESS_KEY],
    });
    expect(reporter!.name).toBe("console");
    const run = failingRun();
    const step = run.tests.find((t) => t.outcome === "errored")!.steps[0]!;
    if (step.outcome === "errored") step.error.message += ` bare key ${SAMPLE_ACCESS_KEY}`;
    await reporter!.onRunStart?.({ metadata: run.metadata, testCount: run.tests.length });
    for (const test of run.tests) await reporter!.onTestEnd?.(test);
    await reporter!.onRunEnd?.(run);
    expect(text).toContain("groups › add a connection to a group");
    expect(text).toContain("bare key ***");
    expect(text).not.toContain(SAMPLE_ACCESS_KEY);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}/);
  });

  it("rejects an empty selection", () => {
    expect(usageError(() => createReporters([" , "], { spec: loadSpec() })).message).toMatch(/at least one reporter/);
  });
});

describe("parseReporterNames", () => {
  it("splits comma lists and repeated flags, trims and drops duplicates", () => {
    expect(parseReporterNames(["html, junit", "md", "html"])).toEqual(["html", "junit", "md"]);
    expect(parseReporterNames("json")).toEqual(["json"]);
  });
});

describe("writeFileAtomic", () => {
  it("replaces the file in one step and leaves no temporary files", async () => {
    const dir = await tempDir();
    const path = join(dir, "junit.xml");
    await writeFileAtomic(path, "first");
    await writeFileAtomic(path, "second");
    expect(await readFile(path, "utf8")).toBe("second");
    expect(await readdir(dir)).toEqual(["junit.xml"]);
  });

  it("removes its temporary file and keeps the old content when the rename fails", async () => {
    const dir = await tempDir();
    const path = join(dir, "report.html");
    await mkdir(path); // a folder where the file should go: rename fails
    await expect(writeFileAtomic(path, "x")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["report.html"]);
  });
});
