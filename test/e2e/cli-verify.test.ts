// `hubkit verify` as a user runs it: in-process through commander, against a separately started mock, and once
// through bin/hubkit.js.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageExitCode } from "../../src/cli/exit-code.js";
import { registerVerifyCommand } from "../../src/cli/verify.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { runHubkitBin } from "./run-bin.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const CONTRACT = join(ROOT, "contracts/example-notifier.json");
const dir = mkdtempSync(join(tmpdir(), "hubkit-cli-verify-"));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `hubkit verify` on a program that handles errors the way src/cli/main.ts does (usage errors: message, exit 2). */
async function hubkit(args: string[], env: Record<string, string | undefined> = {}): Promise<Outcome> {
  const out = { code: 0, stdout: "", stderr: "" };
  const write = (t: string) => {
    out.stdout += t;
  };
  const program = new Command("hubkit")
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: (t) => (out.stderr += t) });
  registerVerifyCommand(program, { stdout: write, setExitCode: (c) => (out.code = c), env, cwd: ROOT });
  try {
    await program.parseAsync(["verify", ...args], { from: "user" });
  } catch (error) {
    const usage = usageExitCode(error, (text) => (out.stderr += text));
    if (usage === undefined) throw error;
    out.code = usage;
  }
  return out;
}

function writePact(name: string, interactions: unknown[]): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ consumer: { name }, provider: { name: "signalr" }, interactions }, null, 2));
  return file;
}

const broken = () =>
  writePact("broken-consumer", [
    {
      description: "closes an unknown connection",
      request: { method: "DELETE", path: "/api/hubs/chat/connections/nope", query: { "api-version": ["2022-06-01"] } },
      response: { status: 202 },
    },
    {
      description: "checks a user it never connected",
      request: { method: "HEAD", path: "/api/hubs/chat/users/alice", query: { "api-version": ["2022-06-01"] } },
      response: { status: 200 },
    },
    {
      description: "relies on a state hubkit does not know",
      providerStates: [{ name: "alice is online", params: { hub: "chat" } }],
      request: { method: "HEAD", path: "/api/hubs/chat/users/alice", query: { "api-version": ["2022-06-01"] } },
      response: { status: 200 },
    },
  ]);

describe("hubkit verify (in-process)", () => {
  it("verifies the example contract against the mock: one line per interaction, the report, exit 0", async () => {
    const outDir = join(dir, "pass");
    const result = await hubkit([CONTRACT, "--out-dir", outDir]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^Verifying 1 pact file\(s\) against the mock at http:\/\/127\.0\.0\.1:\d+$/);
    const interactions = lines.filter((l) => l.startsWith("✓ example-notifier › "));
    expect(interactions).toHaveLength(9);
    expect(result.stdout).toContain("9 passed, 0 failed, 0 errored, 0 skipped");
    expect((await readdir(outDir)).sort()).toEqual(["conformance.json", "junit.xml", "report.html", "summary.md"]);
    const report = JSON.parse(readFileSync(join(outDir, "conformance.json"), "utf8"));
    expect(report.summary).toMatchObject({ total: 9, passed: 9 });
    expect(report.metadata.target.kind).toBe("mock");
    expect(report.tests[0].suite).toBe("example-notifier → azure-signalr-rest");
    expect(report.coverage.operations.exercised).toBeGreaterThanOrEqual(7);
  });

  it("fails on a wrong status, a missing state and an unknown state, and says why (exit 1)", async () => {
    const result = await hubkit([broken(), "--no-report"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ broken-consumer › closes an unknown connection: expected 202 but was 404");
    expect(result.stdout).toContain("✗ broken-consumer › checks a user it never connected: expected 200 but was 404");
    expect(result.stdout).toMatch(
      /✗ broken-consumer › relies on a state hubkit does not know: Unknown provider state "alice is online"\. hubkit knows: "connection exists"/,
    );
    expect(result.stdout).toContain("0 passed, 3 failed, 0 errored, 0 skipped");
  });

  it("--static passes the example contract and lists each mismatch of a broken one", async () => {
    const good = await hubkit([CONTRACT, "--static", "--no-report"]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain("Checking 1 pact file(s) against the spec (API 2022-06-01)");
    expect(good.stdout.match(/^✓ /gm)).toHaveLength(9);

    const outDir = join(dir, "static");
    const bad = await hubkit([broken(), "--static", "--out-dir", outDir, "--reporter", "json"]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      "✗ broken-consumer › closes an unknown connection\n    [status] status 202 is not one SignalR_CloseConnection returns (200, 400, 401, 404)\n",
    );
    expect(bad.stdout).toContain("✓ broken-consumer › checks a user it never connected\n");
    expect(bad.stdout).toMatch(
      /✗ broken-consumer › relies on a state hubkit does not know\n {4}\[state\] Unknown provider state/,
    );
    expect(await readdir(outDir)).toEqual(["conformance.json"]);
  });

  it("refuses contradictory or incomplete flags and missing files (exit 2)", async () => {
    const both = await hubkit([
      CONTRACT,
      "--static",
      "--connection-string",
      "Endpoint=http://x;AccessKey=k;Version=1.0;",
    ]);
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining("--static needs no provider") });
    const live = await hubkit([CONTRACT, "--target", "live", "--no-report"]);
    expect(live).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--target live needs the provider's connection string"),
    });
    const mockAndString = await hubkit([
      CONTRACT,
      "--target",
      "mock",
      "--connection-string",
      "Endpoint=http://x;AccessKey=k;",
    ]);
    expect(mockAndString.code).toBe(2);
    const missing = await hubkit([join(dir, "nope.json")]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("E_PACT_PATH") });
    const badTarget = await hubkit([CONTRACT, "--target", "staging"]);
    expect(badTarget.code).toBe(2);
    const badString = await hubkit([CONTRACT, "--connection-string", "Endpoint=http://x;AccessKey=secret-key;Port=0;"]);
    expect(badString).toMatchObject({ code: 2, stderr: expect.stringContaining("E_CONNECTION_STRING") });
    expect(badString.stderr).not.toContain("secret-key");
  });
});

describe("hubkit verify against a separately started mock", () => {
  // An in-process mock server: the verifier reaches it only through its URL and admin API, as it would reach a
  // `hubkit mock` in another process (e2e/cli-mock.test.ts covers that process itself).
  const key = "e2e-separate-mock-key-0123456789";
  let mock: MockServer;
  let connectionString = "";
  beforeAll(async () => {
    mock = await createMockServer({ port: 0, accessKeys: [key] });
    connectionString = `Endpoint=http://localhost;Port=${new URL(mock.url).port};AccessKey=${key};Version=1.0;`;
  });
  afterAll(async () => {
    await mock.close();
  });

  it("realises the states through the mock's admin API (flag or environment variable)", async () => {
    const byFlag = await hubkit([CONTRACT, "--connection-string", connectionString, "--no-report"]);
    expect(byFlag.stderr).toBe("");
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout).toMatch(/against the mock at http:\/\/localhost:\d+/);
    expect(byFlag.stdout).toContain("9 passed, 0 failed, 0 errored, 0 skipped");
    const byEnv = await hubkit([CONTRACT, "--no-report"], { HUBKIT_CONNECTION_STRING: connectionString });
    expect(byEnv.stdout).toMatch(/against the mock at http:\/\/localhost:\d+/);
    expect(byEnv.code).toBe(0);
  });
});

const bin = runHubkitBin;

describe("through bin/hubkit.js", () => {
  // The one spawned run: the cases above cover flags, failures and usage errors in process.
  it("verifies contracts/ by default", async () => {
    const verified = await bin("verify", "--no-report");
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("9 passed, 0 failed");
  });
});
