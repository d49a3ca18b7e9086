// YAML aliases in state files: an alias bomb or an unresolved alias is a usage error with file:line:col, never a crash.
import { describe, expect, it } from "vitest";
import { signAccessToken } from "../../src/auth/index.js";
import { HubkitError } from "../../src/errors.js";
import { createMockHandler, parseFixture } from "../../src/mock/index.js";
import { loadServedSpec } from "../../src/spec/index.js";
import { supertestCaller } from "./callers.js";
import { PRIMARY_KEY } from "./tokens.js";

const SPEC = loadServedSpec();

const BOMB = [
  "hubs:",
  "  chat:",
  "    connections: []",
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "",
].join("\n");

const UNRESOLVED = "hubs:\n  chat:\n    connections: *nope\n";

function problemOf(text: string): HubkitError {
  try {
    parseFixture(text, "state.yaml", SPEC);
  } catch (error) {
    expect(error).toBeInstanceOf(HubkitError);
    const list = (error as { problems?: HubkitError[] }).problems;
    return list?.[0] ?? (error as HubkitError);
  }
  throw new Error("expected a problem");
}

describe("YAML aliases in state files", () => {
  it("an alias bomb is refused with the position of the first alias", () => {
    const problem = problemOf(BOMB);
    expect(problem.code).toBe("E_FIXTURE_INVALID");
    expect(problem.message).toContain("aliases");
    expect(problem.position).toEqual({ file: "state.yaml", line: 5, column: 8 });
  });

  it("an unresolved alias names itself and its position", () => {
    const problem = problemOf(UNRESOLVED);
    expect(problem.code).toBe("E_FIXTURE_INVALID");
    expect(problem.message).toContain("*nope");
    expect(problem.position).toEqual({ file: "state.yaml", line: 3, column: 18 });
  });

  it("a few aliases still work", () => {
    const text = "hubs:\n  chat:\n    connections: &c [a, b]\n  other:\n    connections: *c\n";
    expect(parseFixture(text, "state.yaml", SPEC).hubs?.other?.connections).toEqual(["a", "b"]);
  });

  it.each([
    ["an alias bomb", BOMB],
    ["an unresolved alias", UNRESOLVED],
  ])("the admin fixtures route answers %s with a 400 ErrorDetail", async (_name, body) => {
    const handler = createMockHandler();
    try {
      const caller = supertestCaller(handler.listener);
      const token = await signAccessToken({ accessKey: PRIMARY_KEY, audience: `${caller.origin}/_hubkit/` });
      const res = await caller.send({
        method: "POST",
        path: "/_hubkit/fixtures",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" },
        body: Buffer.from(body),
      });
      expect(res.status).toBe(400);
      expect(res.headers["x-ms-error-code"]).toBe("Error.Fixture.Invalid");
      expect(JSON.parse(res.body.toString("utf8")).details[0].message).toMatch(/^request body:\d+:\d+: /);
    } finally {
      await handler.close();
    }
  });
});
