// `hubkit run` with hubkit's bundled suites: used when the project has no suites/, added by --builtin, recorded.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { BUILTIN_SUITES_DIR } from "../../src/runner/suite-sources.js";

function sink(cwd: string) {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: {
      stdout: (t: string) => {
        out.stdout += t;
      },
      stderr: (t: string) => {
        out.stderr += t;
      },
      env: {},
      cwd,
    },
  };
}

const OWN =
  "name: own\ntests:\n  - name: mine\n    steps:\n      - call: HealthApi_GetServiceStatus\n        expect: { status: 200 }\n";

// Loading every bundled suite and starting mocks takes tens of seconds on a loaded 2-core machine.
describe("hubkit run: bundled suites", () => {
  it("runs the bundled suites where there is no suites/ folder, says so on the first line, records the source", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-builtin-"));
    const { out, io } = sink(dir);
    const code = await runCli(["run", "--grep", "health", "--reporter", "console,json", "--out-dir", "out"], io);
    expect(out.stderr).toBe("");
    expect(code).toBe(0);
    expect(out.stdout.split("\n")[0]).toMatch(
      /^No suites\/ folder in .*: running hubkit's bundled conformance suites \(signalr-hubkit \d/,
    );
    const report = JSON.parse(readFileSync(join(dir, "out/conformance.json"), "utf8"));
    expect(report.metadata.suites).toEqual([{ source: "builtin", path: BUILTIN_SUITES_DIR }]);
    expect(report.metadata.hubkitVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.tests.length).toBeGreaterThan(0);
  }, 120_000);

  it("--builtin runs them next to the project's own suites; --grep applies to both", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-builtin-"));
    mkdirSync(join(dir, "suites"));
    writeFileSync(join(dir, "suites/own.yaml"), OWN);
    const { out, io } = sink(dir);
    const args = ["run", "--builtin", "--grep", "/^(own|health) /", "--reporter", "json", "--out-dir", "out"];
    expect(await runCli(args, io)).toBe(0);
    expect(out.stdout.split("\n")[0]).toContain("Also running hubkit's bundled conformance suites (--builtin");
    const report = JSON.parse(readFileSync(join(dir, "out/conformance.json"), "utf8"));
    expect(report.metadata.suites).toEqual([
      { source: "project", path: "suites" },
      { source: "builtin", path: BUILTIN_SUITES_DIR },
    ]);
    const suites = new Set(report.tests.map((t: { suite: string }) => t.suite));
    expect(suites).toEqual(new Set(["own", "health"]));
  }, 120_000);

  it("without --builtin a project's suites/ is all that runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-builtin-"));
    mkdirSync(join(dir, "suites"));
    writeFileSync(join(dir, "suites/own.yaml"), OWN);
    const { out, io } = sink(dir);
    expect(await runCli(["run", "--reporter", "json", "--out-dir", "out"], io)).toBe(0);
    expect(out.stdout).not.toContain("bundled");
    const report = JSON.parse(readFileSync(join(dir, "out/conformance.json"), "utf8"));
    expect(report.tests.map((t: { suite: string }) => t.suite)).toEqual(["own"]);
  });
});
