// `hubkit run --shard` and `hubkit report --merge`: the merged shards give the report one unsharded run gives.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "../e2e/run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "hubkit-shard-"));
const suites = join(dir, "suites");

function userCheck(name: string, user: string, status: number): string {
  return [
    `  - name: ${name}`,
    "    steps:",
    "      - call: SignalR_CheckUserExistence",
    `        params: { hub: chat, user: ${user} }`,
    `        expect: { status: ${status} }`,
  ].join("\n");
}

const health =
  "  - name: health\n    steps:\n      - call: HealthApi_GetServiceStatus\n        expect: { status: 200 }";

async function hubkit(...args: string[]) {
  const run = runInProcess(args, { cwd: dir });
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

const read = (path: string) => JSON.parse(readFileSync(join(dir, path), "utf8"));

/** A report without what differs between any two runs: times, ids, the command line, the mock's port. */
function stable(report: unknown): unknown {
  const volatile = new Set(["startedAt", "finishedAt", "runId", "command", "endpoint", "date"]);
  return JSON.parse(
    JSON.stringify(report, (key, value) => (volatile.has(key) ? undefined : key === "durationMs" ? 0 : value)),
  );
}

beforeAll(async () => {
  const { mkdirSync } = await import("node:fs");
  mkdirSync(suites);
  writeFileSync(
    join(suites, "a.yaml"),
    `name: a\ntests:\n${health}\n${userCheck("alice is unknown", "alice", 404)}\n${userCheck("bob is unknown", "bob", 404)}\n`,
  );
  writeFileSync(
    join(suites, "b.yaml"),
    `name: b\ntests:\n${health}\n${userCheck("carol is unknown", "carol", 404)}\n${userCheck("a wrong expectation", "dave", 200)}\n`,
  );
  expect((await hubkit("run", "suites", "--reporter", "json", "--out-dir", "full")).code).toBe(1);
});

describe("hubkit run --shard + hubkit report --merge", () => {
  it("two shards merged give the unsharded report (modulo times), and the gate applies to the merged run", async () => {
    // Every shard gets the same flags (as a CI matrix does): the split is only complementary then.
    const one = await hubkit(
      "run",
      "suites",
      "--shard",
      "1/2",
      "--durations",
      "full/conformance.json",
      "--reporter",
      "json",
      "--out-dir",
      "s1",
    );
    const two = await hubkit(
      "run",
      "suites",
      "--shard",
      "2/2",
      "--durations",
      "full/conformance.json",
      "--reporter",
      "json",
      "--out-dir",
      "s2",
    );
    const ran = [read("s1/conformance.json").tests.length, read("s2/conformance.json").tests.length];
    expect(ran[0]! + ran[1]!).toBe(6);
    expect(ran[0]).toBeGreaterThan(0);
    expect(ran[1]).toBeGreaterThan(0);
    // Only the shard with the wrong expectation fails on its own.
    expect([one.code, two.code].sort()).toEqual([0, 1]);

    const merged = await hubkit("report", "--merge", "s1/conformance.json", "s2/conformance.json", "--out-dir", "m");
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(1);
    expect(merged.stdout).toContain("wrote");
    expect(stable(read("m/conformance.json"))).toEqual(stable(read("full/conformance.json")));
  });

  it("shards run against one API version merge into that version's coverage, as the unsharded run", async () => {
    const only = ["--api-version", "2024-12-01", "--reporter", "json"];
    await hubkit("run", "suites", ...only, "--out-dir", "v-full");
    await hubkit("run", "suites", "--shard", "1/2", ...only, "--out-dir", "v1");
    await hubkit("run", "suites", "--shard", "2/2", ...only, "--out-dir", "v2");
    const merged = await hubkit("report", "--merge", "v1/conformance.json", "v2/conformance.json", "--out-dir", "vm");
    expect(merged.stderr).toBe("");
    const report = read("vm/conformance.json");
    expect(report.coverage.versions.map((v: { apiVersion: string }) => v.apiVersion)).toEqual(["2024-12-01"]);
    expect(report.coverage.rows).toHaveLength(26);
    expect(stable(report)).toEqual(stable(read("v-full/conformance.json")));
  });

  it("refuses reports of different hubkit versions or suites, a test in two reports, and several without --merge", async () => {
    const s2 = read("s2/conformance.json");
    writeFileSync(
      join(dir, "other-version.json"),
      JSON.stringify({ ...s2, metadata: { ...s2.metadata, hubkitVersion: "0.0.1" } }),
    );
    const version = await hubkit("report", "--merge", "s1/conformance.json", "other-version.json", "--out-dir", "x");
    expect(version.code).toBe(2);
    expect(version.stderr).toContain("they differ in hubkit version");
    expect(version.stderr).toContain("E_MERGE_MISMATCH");

    writeFileSync(
      join(dir, "other-suites.json"),
      JSON.stringify({ ...s2, metadata: { ...s2.metadata, suites: [{ source: "project", path: "elsewhere" }] } }),
    );
    const other = await hubkit("report", "--merge", "s1/conformance.json", "other-suites.json", "--out-dir", "x");
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("they differ in suites");

    const twice = await hubkit("report", "--merge", "s1/conformance.json", "s1/conformance.json", "--out-dir", "x");
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/test ".*" is in both s1\/conformance.json and s1\/conformance.json/);

    const noMerge = await hubkit("report", "s1/conformance.json", "s2/conformance.json");
    expect(noMerge.code).toBe(2);
    expect(noMerge.stderr).toContain("add --merge");
  });

  it("refuses a bad --shard and --durations without --shard (exit 2)", async () => {
    const bad = await hubkit("run", "suites", "--shard", "3/2", "--reporter", "json", "--out-dir", "x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("E_SHARD_INVALID");
    const alone = await hubkit("run", "suites", "--durations", "full/conformance.json", "--out-dir", "x");
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--durations only balances --shard");
    const missing = await hubkit("run", "suites", "--shard", "1/2", "--durations", "nope.json", "--out-dir", "x");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("E_REPORT_INPUT");
  });
});
