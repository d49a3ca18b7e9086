// The option parsers the CLI commands share (ports, targets, repeated flags).
import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { collect, parsePort, parseTarget } from "../../src/cli/options.js";

describe("shared CLI option parsers", () => {
  it("collects repeated values and refuses an empty one", () => {
    expect(collect("b", collect("a", undefined))).toEqual(["a", "b"]);
    expect(() => collect("", ["a"])).toThrow(InvalidArgumentError);
  });

  it("takes ports 0 to 65535 written as digits only", () => {
    expect(parsePort("0")).toBe(0);
    expect(parsePort("65535")).toBe(65535);
    for (const bad of ["65536", "-1", "80.5", "8o", ""]) {
      expect(() => parsePort(bad), bad).toThrow(/expected a port from 0 to 65535/);
    }
  });

  it("takes mock or live as a target and names what it found otherwise", () => {
    expect(parseTarget("mock")).toBe("mock");
    expect(parseTarget("live")).toBe("live");
    expect(() => parseTarget("staging")).toThrow("expected mock or live, found 'staging'.");
  });
});
