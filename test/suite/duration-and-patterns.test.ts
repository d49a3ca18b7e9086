// Durations and text patterns as suites write them.
import { describe, expect, it } from "vitest";
import { compileTextPattern, isRegexLiteral, parseDuration, regexProblem } from "../../src/suite/index.js";

describe("parseDuration", () => {
  it.each([
    [250, 250],
    ["250ms", 250],
    ["5s", 5000],
    ["1.5s", 1500],
    ["2m", 120_000],
    [" 3 s ", 3000],
  ])("%j is %d ms", (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([["5 seconds"], ["-1s"], [-5], ["1h"], [true], [null]])("%j is not a duration", (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});

describe("text patterns", () => {
  it("compares literals exactly and searches /regex/ with flags", () => {
    expect(compileTextPattern("Warning.Connection.NotExisted").test("Warning.Connection.NotExisted")).toBe(true);
    expect(compileTextPattern("Warning").test("Warning.Connection.NotExisted")).toBe(false);
    expect(compileTextPattern("/not exist/i").test("The connection does NOT EXIST.")).toBe(true);
    expect(compileTextPattern("/^abc$/").test("xabc")).toBe(false);
  });

  it("recognises regex literals and explains invalid ones", () => {
    expect(isRegexLiteral("/a/")).toBe(true);
    expect(isRegexLiteral("/api/hubs")).toBe(false);
    expect(isRegexLiteral("plain")).toBe(false);
    expect(regexProblem("/(/")).toMatch(/Invalid regular expression/);
    expect(regexProblem("/ok/")).toBeUndefined();
    expect(regexProblem("literal (")).toBeUndefined();
  });

  it("drops the stateful g and y flags so repeated tests give the same answer", () => {
    const pattern = compileTextPattern("/a/g");
    expect(pattern.test("a")).toBe(true);
    expect(pattern.test("a")).toBe(true);
  });
});
