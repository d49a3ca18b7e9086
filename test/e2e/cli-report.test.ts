// `hubkit report` and `hubkit diff` in process, and once each through bin/hubkit.js.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDiffCommand } from "../../src/cli/diff.js";
import { usageExitCode } from "../../src/cli/exit-code.js";
import { type CommandIo, registerReportCommand } from "../../src/cli/report.js";
import { createReporters } from "../../src/reporters/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun, SAMPLE_ACCESS_KEY } from "../fixtures/runs/sample-runs.js";
import { runHubkitBin } from "./run-bin.js";

const _ROOT = new URL("../../", import.meta.url).pathname;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The two commands on a program that handles errors the way src/cli/main.ts does (usage errors: message, exit 2). */
async function hubkit(...args: string[]): Promise<Outcome> {
  const out = { code: 0, stdout: "", stderr: "" };
  const io: CommandIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    setExitCode: (c) => {
      out.code = c;
    },
    env: process.env,
    cwd: process.cwd(),
  };
  const program = new Command("hubkit").exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerReportCommand(program, io);
  registerDiffCommand(program, io);
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    const usage = usageExitCode(error, (text) => (out.stderr += text));
    if (usage === undefined) throw error;
    out.code = usage;
  }
  return out;
}

let dir = "";
let passing = "";
let failing = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hubkit-cli-report-"));
  for (const [name, run] of [
    ["mock", passingRun()],
    ["live", failingRun()],
  ] as const) {
    const [json] = createReporters(["json"], {
      spec: loadSpec(),
      outDir: join(dir, name),
      secrets: [SAMPLE_ACCESS_KEY],
    });
    await json!.onRunEnd!(run);
  }
  passing = join(dir, "mock", "conformance.json");
  failing = join(dir, "live", "conformance.json");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hubkit report", () => {
  it("re-renders a saved run as html, junit and md (the default) and passes the default gate", async () => {
    const outDir = join(dir, "rendered");
    const result = await hubkit("report", passing, "--out-dir", outDir);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`wrote ${join(outDir, "report.html")}`);
    expect(result.stdout).toContain("✓ pass gate: 100% passed (27 of 27 that ran) meets --min-pass 100%");
    expect((await readdir(outDir)).sort()).toEqual(["junit.xml", "report.html", "summary.md"]);
    expect(await readFile(join(outDir, "summary.md"), "utf8")).toMatch(/^## ✅ hubkit conformance/);
  });

  it("takes several reporters, comma-separated or repeated", async () => {
    const outDir = join(dir, "several");
    const result = await hubkit(
      "report",
      failing,
      "--reporter",
      "json,md",
      "--reporter",
      "junit",
      "--out-dir",
      outDir,
      "--min-pass",
      "0",
    );
    expect(result.code).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(["conformance.json", "junit.xml", "summary.md"]);
  });

  it("replays a saved run through the console reporter", async () => {
    const result = await hubkit("report", failing, "--reporter", "console", "--out-dir", join(dir, "unused"));
    expect(result.stdout).toContain("✗ users › send to a user");
    expect(result.stdout).toContain("Failures:");
    expect(result.stdout).toMatch(/Tests: 22 passed, 3 failed, 1 errored, 1 skipped \(27 total\)/);
    expect(result.stdout).not.toContain(SAMPLE_ACCESS_KEY);
    expect(existsSync(join(dir, "unused"))).toBe(false);
  });

  it.each([
    [[], 1, "✗ pass gate: 84.6% passed (22 of 26 that ran) is below --min-pass 100%"],
    [["--min-pass", "80"], 0, "✓ pass gate"],
    [["--min-pass", "80", "--min-coverage", "50"], 3, "✗ coverage gate: 33.8% of documented operation × status pairs"],
    [["--min-coverage", "50"], 4, "✗ coverage gate"],
  ])("gates %j: exit %i", async (flags, code, message) => {
    const result = await hubkit("report", failing, "--reporter", "md", "--out-dir", join(dir, "gate"), ...flags);
    expect(result.code).toBe(code);
    expect(result.stdout).toContain(message);
  });

  it.each([
    [["--reporter", "pdf"], 'unknown reporter "pdf"; expected one of console, json, junit, html, md [E_REPORTER]'],
    [["--min-pass", "lots"], '--min-pass expects a percentage from 0 to 100, found "lots" [E_GATE]'],
    [["--min-coverage", "120"], '--min-coverage expects a percentage from 0 to 100, found "120" [E_GATE]'],
  ])("usage error %j: exit 2", async (flags, message) => {
    const result = await hubkit("report", passing, ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("names a bad input file: missing, not JSON, not a report (exit 2)", async () => {
    const notJson = join(dir, "junit.xml");
    const notReport = join(dir, "package.json");
    await writeFile(notJson, "<testsuites/>");
    await writeFile(notReport, '{"name":"x"}');
    const missing = await hubkit("report", join(dir, "nope.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`report file ${join(dir, "nope.json")} does not exist [E_REPORT_INPUT]`);
    expect((await hubkit("report", notJson)).stderr).toContain(`report file ${notJson} is not JSON`);
    expect((await hubkit("report", notReport)).stderr).toContain(
      `report file ${notReport} is not a hubkit conformance report`,
    );
  });
});

describe("hubkit diff", () => {
  it("exits 0 and says so when the runs are the same", async () => {
    const result = await hubkit("diff", passing, passing);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No differences");
  });

  it("prints per-test and per-cell changes and exits 1 on regressions", async () => {
    const result = await hubkit("diff", passing, failing);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`A: ${passing}  mock http://127.0.0.1:50123`);
    expect(result.stdout).toContain("  ✗ users › send to a user: passed → failed");
    expect(result.stdout).toContain("  ✗ SignalR_CheckConnectionExistence 500: untested → failed");
    expect(result.stdout).toContain("6 regression(s)");
  });

  it("prints Markdown for a pull request with --reporter md", async () => {
    const result = await hubkit("diff", failing, passing, "--reporter", "md");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^## hubkit diff: changed, no regressions/);
    expect(result.stdout).toContain("| ✓ | users › send to a user | failed | passed |");
  });

  it("--strict exits 1 on any change", async () => {
    expect((await hubkit("diff", failing, passing, "--strict")).code).toBe(1);
    expect((await hubkit("diff", passing, passing, "--strict")).code).toBe(0);
  });

  it("rejects other formats and bad files with exit 2", async () => {
    const html = await hubkit("diff", passing, failing, "--reporter", "html");
    expect(html.code).toBe(2);
    expect(html.stderr).toContain('unknown reporter "html"; expected one of console, md');
    const two = await hubkit("diff", passing, failing, "--reporter", "console,md");
    expect(two.stderr).toContain("hubkit diff prints one format");
    const missing = await hubkit("diff", passing, join(dir, "missing.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`report file ${join(dir, "missing.json")} does not exist`);
  });
});

const bin = runHubkitBin;

describe("through bin/hubkit.js", () => {
  // The spawned smoke tests: files written and a gate's exit code reach the shell; the cases above cover the rest.
  it("report writes the files and sets the gate's exit code", async () => {
    const outDir = join(dir, "bin");
    const ok = await bin("report", passing, "--reporter", "html,junit,md", "--out-dir", outDir, "--min-coverage", "30");
    expect(ok.code).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(["junit.xml", "report.html", "summary.md"]);
    expect((await bin("report", passing, "--out-dir", outDir, "--min-coverage", "90")).code).toBe(3);
  });

  it("diff exits 1 on regressions", async () => {
    expect((await bin("diff", passing, failing)).code).toBe(1);
  });
});
