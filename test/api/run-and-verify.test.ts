// The programmatic runSuites and verifyPacts: results as data, files only when asked, usage errors as HubkitError.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HubkitError, runSuites, verifyPacts } from "../../src/api/index.js";
import { ROOT } from "../e2e/run-bin.js";

const SUITE =
  "name: api\ntests:\n  - name: health\n    steps:\n      - call: HealthApi_GetServiceStatus\n        expect: { status: 200 }\n";

describe("runSuites", () => {
  it("runs the given suites against the mock and returns the result; writes reports only when asked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-api-run-"));
    writeFileSync(join(dir, "api.yaml"), SUITE);
    const result = await runSuites({ paths: ["api.yaml"], cwd: dir, reporters: ["json"], outDir: "out" });
    expect(result.summary).toMatchObject({ total: 1, passed: 1, failed: 0 });
    expect(result.metadata.suites).toEqual([{ source: "project", path: "api.yaml" }]);
    expect(existsSync(join(dir, "out/conformance.json"))).toBe(true);
    const quiet = await runSuites({ paths: ["api.yaml"], cwd: dir, outDir: "none" });
    expect(quiet.summary.passed).toBe(1);
    expect(existsSync(join(dir, "none"))).toBe(false);
  });

  it("rejects with a HubkitError naming the file and position for a bad suite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-api-run-"));
    writeFileSync(
      join(dir, "bad.yaml"),
      "name: bad\ntests:\n  - name: t\n    steps:\n      - call: SignalR_Brodcast\n",
    );
    const error = await runSuites({ paths: ["bad.yaml"], cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubkitError);
    const [problem] = (error as { problems: HubkitError[] }).problems;
    expect(problem).toMatchObject({ code: "E_SUITE_OPERATION", position: { file: "bad.yaml", line: 5, column: 15 } });
    expect(problem?.message).toContain("SignalR_Brodcast");
  });
});

describe("verifyPacts", () => {
  it("checks pact files statically and returns the exit code and result", async () => {
    const { exitCode, result } = await verifyPacts({ pacts: ["contracts"], static: true, cwd: ROOT });
    expect(exitCode).toBe(0);
    expect(result.summary.passed).toBeGreaterThan(0);
    expect(result.summary.failed).toBe(0);
  });

  it("rejects with a HubkitError for a missing pact path", async () => {
    const error = await verifyPacts({ pacts: ["nope/"], static: true, cwd: ROOT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubkitError);
    expect(error).toMatchObject({ code: "E_PACT_PATH" });
  });
});
