// `hubkit init` in-process: what it writes, refusing to overwrite, --force, and a folder it cannot write to.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { runCli } from "../../src/cli/main.js";
import { loadRunnableSuites } from "../../src/runner/index.js";
import { loadServedSpec } from "../../src/spec/index.js";

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

const FILES = ["suites/example.yaml", "mocks/state.yaml", "contracts/README.md", ".github/workflows/hubkit.yml"];

describe("hubkit init", () => {
  it("writes the four files, says so and names the next command; the suite and workflow are valid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-init-"));
    const { out, io } = sink(dir);
    expect(await runCli(["init"], io)).toBe(0);
    for (const file of FILES) {
      expect(existsSync(join(dir, file))).toBe(true);
      expect(out.stdout).toContain(`wrote ${file}`);
    }
    expect(out.stdout).toContain("npx hubkit run");
    const suite = readFileSync(join(dir, "suites/example.yaml"), "utf8");
    expect(suite.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../node_modules/signalr-hubkit/spec/suite.schema.json",
    );
    const [loaded] = await loadRunnableSuites(["suites"], { cwd: dir, env: {}, spec: loadServedSpec() });
    expect(loaded?.tests.map((t) => t.name)).toEqual([
      "the service is healthy",
      "a user receives what is sent to them",
    ]);
    const workflow = YAML.parse(readFileSync(join(dir, ".github/workflows/hubkit.yml"), "utf8"));
    expect(JSON.stringify(workflow.jobs.conformance.steps)).toContain("npx hubkit run");
  });

  it("refuses (exit 2) when a file exists, naming it and --force, and writes nothing; --force overwrites", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-init-"));
    mkdirSync(join(dir, "mocks"));
    writeFileSync(join(dir, "mocks/state.yaml"), "mine: true\n");
    const first = sink(dir);
    expect(await runCli(["init"], first.io)).toBe(2);
    expect(first.out.stderr).toContain("would overwrite mocks/state.yaml");
    expect(first.out.stderr).toContain("--force");
    expect(first.out.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "suites/example.yaml"))).toBe(false);
    expect(readFileSync(join(dir, "mocks/state.yaml"), "utf8")).toBe("mine: true\n");

    const forced = sink(dir);
    expect(await runCli(["init", "--force"], forced.io)).toBe(0);
    expect(forced.out.stdout).toContain("overwrote mocks/state.yaml");
    expect(readFileSync(join(dir, "mocks/state.yaml"), "utf8")).toContain("hubs:");
  });

  it("exits 2 with the cause and no stack trace in a folder it may not write to", async () => {
    // /sys is read-only even for root, where chmod would not stop a write.
    const { out, io } = sink("/sys");
    expect(await runCli(["init"], io)).toBe(2);
    expect(out.stderr).toMatch(/cannot write suites\/example\.yaml in \/sys \((EPERM|EACCES|EROFS)\)/);
    expect(out.stderr).toContain("not writable");
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});
