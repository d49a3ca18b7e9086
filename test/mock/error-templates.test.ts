// The mock's error templates: one status per code, every template answered somewhere, mockError's exact body.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MOCK_ERRORS, MockErrorCodes } from "../../src/mock/error-templates.js";
import { invalidParameter, mockError } from "../../src/mock/errors.js";

const MOCK_SRC = fileURLToPath(new URL("../../src/mock", import.meta.url));

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith(".ts") && entry.name !== "error-templates.ts" ? readFileSync(path, "utf8") : "";
    })
    .join("\n");
}

describe("mock error templates", () => {
  it("give each x-ms-error-code exactly one row, so a code always comes with the same status", () => {
    const codes = Object.values(MOCK_ERRORS).map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of Object.values(MOCK_ERRORS)) expect(t.status).toBeGreaterThanOrEqual(400);
  });

  it("are each answered somewhere in the mock (by name, or by code for detail lists)", () => {
    const text = sources(MOCK_SRC);
    const unused = Object.keys(MOCK_ERRORS).filter(
      (name) =>
        !text.includes(`"${name}"`) &&
        !text.includes(`MockErrorCodes.${name}`) &&
        !text.includes(`MOCK_ERRORS.${name}`),
    );
    expect(unused).toEqual([]);
  });

  it("leave no x-ms-error-code literal outside the table, except the fault rules' (their status is the rule's)", () => {
    const literals = [...sources(MOCK_SRC).matchAll(/"((?:Error|Warning|Info|Dashboard)\.[A-Za-z]+(?:\.[A-Za-z]+)?)"/g)]
      .map((m) => m[1]!)
      .filter((code) => !/^Error\.(Fault\.Injected|Request\.Throttled|Quota\.\w+)$/.test(code));
    expect(literals).toEqual([]);
  });

  it("render code, message, target and details in that order, with the template's status and headers", () => {
    const error = mockError("methodNotAllowed", "Use POST.", { target: "method", headers: { allow: "POST" } });
    expect(error.status).toBe(405);
    expect(error.headers).toEqual({ allow: "POST" });
    expect(JSON.stringify(error.detail)).toBe(
      '{"code":"Error.Method.NotAllowed","message":"Use POST.","target":"method"}',
    );
    const nested = mockError("fixtureInvalid", "2 problems", {
      target: "fixture",
      details: [{ code: MockErrorCodes.fixtureInvalid, message: "a" }],
    });
    expect(JSON.stringify(nested.detail)).toBe(
      '{"code":"Error.Fixture.Invalid","message":"2 problems","target":"fixture","details":[{"code":"Error.Fixture.Invalid","message":"a"}]}',
    );
    expect(mockError("internal", "boom").detail).toEqual({ code: "Error.Internal", message: "boom" });
    expect(mockError("internal", "boom").headers).toBeUndefined();
  });

  it("invalidParameter is the 400 Error.Request.Invalid template naming the parameter", () => {
    const error = invalidParameter("hub", "bad hub");
    expect([error.status, error.detail]).toEqual([
      400,
      { code: "Error.Request.Invalid", message: "bad hub", target: "hub" },
    ]);
  });
});
