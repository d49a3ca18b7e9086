// The CI gates (pass rate, coverage) and their exit codes.
import { describe, expect, it } from "vitest";
import { HubkitError } from "../../src/errors.js";
import {
  buildConformanceReport,
  type ConformanceReport,
  EXIT_CODES,
  evaluateGates,
  parsePercent,
} from "../../src/reporters/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun } from "../fixtures/runs/sample-runs.js";

const spec = loadSpec();
const clean = buildConformanceReport(passingRun(), spec); // 27/27 passed, 27 of 71 pairs (38%)
const failing = buildConformanceReport(failingRun(), spec); // 22 of 26 passed (84.6%), 24 of 71 pairs

function withCounts(report: ConformanceReport, passed: number, executed: number): ConformanceReport {
  return { ...report, summary: { ...report.summary, passed, executed, failed: executed - passed, passRate: 99.9 } };
}

describe("evaluateGates", () => {
  it("0 when every test that ran passed (default --min-pass 100) and no coverage gate is set", () => {
    const result = evaluateGates(clean);
    expect(result.exitCode).toBe(EXIT_CODES.ok);
    expect(result.messages).toEqual(["✓ pass gate: 100% passed (27 of 27 that ran) meets --min-pass 100%"]);
  });

  it("1 when the pass rate is below --min-pass", () => {
    const result = evaluateGates(failing);
    expect(result.exitCode).toBe(1);
    expect(result.messages[0]).toBe("✗ pass gate: 84.6% passed (22 of 26 that ran) is below --min-pass 100%");
    expect(evaluateGates(failing, { minPass: 84 }).exitCode).toBe(0);
  });

  it("3 when only coverage is below --min-coverage, 4 when both gates fail", () => {
    const result = evaluateGates(clean, { minCoverage: 50 });
    expect(result.exitCode).toBe(EXIT_CODES.coverageGate);
    expect(result.messages[1]).toBe(
      "✗ coverage gate: 38% of documented operation × status pairs exercised (27 of 71) is below --min-coverage 50%",
    );
    expect(evaluateGates(clean, { minCoverage: 38 }).exitCode).toBe(0);
    expect(evaluateGates(failing, { minCoverage: 50 }).exitCode).toBe(EXIT_CODES.bothGates);
  });

  it("compares exact counts, so 9999 of 10000 does not pass a 100% gate", () => {
    expect(evaluateGates(withCounts(clean, 9999, 10000)).exitCode).toBe(1);
    expect(evaluateGates(withCounts(clean, 9999, 10000), { minPass: 99.99 }).exitCode).toBe(0);
  });

  it("fails the pass gate when no test ran", () => {
    const result = evaluateGates(withCounts(clean, 0, 0), { minPass: 0 });
    expect(result.exitCode).toBe(1);
    expect(result.messages[0]).toMatch(/no test ran/);
  });

  it("rejects percentages outside 0..100 with a usage error naming the flag", () => {
    expect(() => evaluateGates(clean, { minPass: 101 })).toThrow(
      /--min-pass expects a percentage from 0 to 100, found 101/,
    );
    expect(() => evaluateGates(clean, { minCoverage: -1 })).toThrow(HubkitError);
  });
});

describe("parsePercent", () => {
  it("accepts numbers with or without %", () => {
    expect(parsePercent("--min-pass", "95")).toBe(95);
    expect(parsePercent("--min-pass", " 99.5% ")).toBe(99.5);
  });

  it.each(["", "abc", "150", "-3", "NaN"])("rejects %j with E_GATE", (raw) => {
    try {
      parsePercent("--min-coverage", raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HubkitError);
      expect((error as HubkitError).code).toBe("E_GATE");
      expect((error as HubkitError).message).toContain("--min-coverage");
    }
  });
});
