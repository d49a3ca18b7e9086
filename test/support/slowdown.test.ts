// The slowdown factor test timeouts are stretched by: the larger of the CPU probe and the load per core, 1 to 4.
import { describe, expect, it } from "vitest";
import { type MachineProbe, measureSlowdown, scaled } from "./slowdown.js";

const machine = (probe: number, load: number, cores = 2): MachineProbe => ({
  probe: () => probe,
  load: () => load,
  cores,
});

describe("measureSlowdown", () => {
  it("is 1 on a quiet machine", () => {
    expect(measureSlowdown({}, machine(1.02, 0.3))).toBe(1);
  });

  it("follows the CPU probe when a competitor has just started (the load average still low)", () => {
    expect(measureSlowdown({}, machine(1.9, 0.4))).toBe(1.9);
  });

  it("follows the load per core when the probe landed in a lull of a busy machine", () => {
    expect(measureSlowdown({}, machine(1.1, 5, 2))).toBe(2.5);
    expect(measureSlowdown({}, machine(1.1, 5, 4))).toBe(1.3);
  });

  it("is capped at 4, so a hung test still ends", () => {
    expect(measureSlowdown({}, machine(1.1, 30))).toBe(4);
    expect(measureSlowdown({}, machine(9, 0))).toBe(4);
  });

  it("takes HUBKIT_TEST_SLOWDOWN over any measurement", () => {
    expect(measureSlowdown({ HUBKIT_TEST_SLOWDOWN: "2.5" }, machine(1, 30))).toBe(2.5);
    expect(measureSlowdown({ HUBKIT_TEST_SLOWDOWN: "nonsense" }, machine(1, 0))).toBe(1);
  });

  it("scales a quiet-machine timeout by the factor", () => {
    expect(scaled(30_000, 1.5)).toBe(45_000);
  });
});
