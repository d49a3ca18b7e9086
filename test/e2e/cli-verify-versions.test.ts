// `hubkit verify` and the API versions: pacts on 2024-12-01 operations are checked against their own schemas (the
// union of the shipped versions by default), `--api-version` narrows to one document, unknown versions are refused.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "hubkit-cli-verify-versions-"));
const V2024 = { "api-version": ["2024-12-01"] };

function writePact(name: string, interactions: unknown[]): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ consumer: { name }, provider: { name: "signalr" }, interactions }, null, 2));
  return file;
}

const listMembers = {
  description: "lists the members of a group",
  providerStates: [{ name: "connection in group", params: { hub: "chat", group: "g1", connectionId: "c1" } }],
  request: { method: "GET", path: "/api/hubs/chat/groups/g1/connections", query: V2024 },
  response: { status: 200, body: { value: [{ connectionId: "c1" }] } },
};
const generateToken = {
  description: "gets a client token",
  request: { method: "POST", path: "/api/hubs/chat/:generateToken", query: { ...V2024, userId: ["alice"] } },
  response: { status: 200 },
};
// The SDK sends newer operations under api-version 2022-06-01; the mock serves them there too.
const listUnderOldVersion = {
  ...listMembers,
  description: "lists the members under the old api-version",
  request: { ...listMembers.request, query: { "api-version": ["2022-06-01"] } },
};
const badMembers = {
  description: "expects members without a connection id",
  request: { method: "GET", path: "/api/hubs/chat/groups/g1/connections", query: V2024 },
  response: { status: 200, body: { value: [{ userId: "u1" }], extra: true } },
};

async function hubkit(args: string[]) {
  const run = runInProcess(["verify", ...args]);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe("hubkit verify --static and the API versions", () => {
  it("checks 2024-12-01 operations against their own schemas by default", async () => {
    const pact = writePact("new-ops", [listMembers, generateToken, listUnderOldVersion, badMembers]);
    const result = await hubkit([pact, "--static", "--no-report"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(
      "Checking 1 pact file(s) against the spec (API 2022-06-01) and the spec (API 2024-12-01)",
    );
    expect(result.stdout).toContain("✓ new-ops › lists the members of a group\n");
    expect(result.stdout).toContain("✓ new-ops › gets a client token\n");
    expect(result.stdout).toContain("✓ new-ops › lists the members under the old api-version\n");
    // The real GroupMemberPagedValues schema: connectionId is required, no other property is allowed.
    expect(result.stdout).toContain("✗ new-ops › expects members without a connection id\n");
    expect(result.stdout).toContain(
      "[response-body] response body /value/0 must have required property 'connectionId'",
    );
    expect(result.stdout).toContain("[response-body] response body (body) must NOT have additional properties");
    expect(result.stdout).not.toContain("no operation in the spec matches");
    expect(result.code).toBe(1);
  });

  it("--api-version 2022-06-01 checks against that document alone: newer operations are unknown there", async () => {
    const pact = writePact("old-only", [listMembers, generateToken]);
    const result = await hubkit([pact, "--static", "--no-report", "--api-version", "2022-06-01"]);
    expect(result.stdout).toContain("Checking 1 pact file(s) against the spec (API 2022-06-01)\n");
    expect(result.stdout).toContain(
      "[operation] no operation in the spec matches GET /api/hubs/chat/groups/g1/connections",
    );
    expect(result.stdout).toContain("[operation] no operation in the spec matches POST /api/hubs/chat/:generateToken");
    expect(result.code).toBe(1);
  });

  it("--api-version 2024-12-01 refuses another api-version in an interaction", async () => {
    const pact = writePact("pinned", [listMembers, listUnderOldVersion]);
    const result = await hubkit([pact, "--static", "--no-report", "--api-version", "2024-12-01"]);
    expect(result.stdout).toContain("✓ pinned › lists the members of a group\n");
    expect(result.stdout).toContain("[parameter] api-version is 2022-06-01, but the spec describes 2024-12-01");
    expect(result.code).toBe(1);
  });

  it("refuses an API version hubkit has no spec for, naming the ones it has (exit 2)", async () => {
    const result = await hubkit([writePact("any", [generateToken]), "--static", "--api-version", "2023-07-01"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'--api-version <version>' argument '2023-07-01' is invalid");
    expect(result.stderr).toContain("(2022-06-01, 2024-12-01)");
  });
});

describe("hubkit verify against the mock and the API versions", () => {
  it("verifies interactions on 2024-12-01 operations against the in-process mock, with their provider states", async () => {
    const pact = writePact("mock-new-ops", [listMembers, generateToken, listUnderOldVersion]);
    const result = await hubkit([pact, "--no-report"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("3 passed, 0 failed, 0 errored, 0 skipped");
    expect(result.code).toBe(0);
  });

  it("--api-version 2022-06-01 serves that version alone: a newer operation is not found", async () => {
    const pact = writePact("mock-old-only", [generateToken]);
    const result = await hubkit([pact, "--no-report", "--api-version", "2022-06-01"]);
    expect(result.stdout).toMatch(/✗ mock-old-only › gets a client token: expected 200 but was 404/);
    expect(result.code).toBe(1);
  });
});
