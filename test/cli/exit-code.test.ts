// The CLI exit-code helpers: usage errors printed once with their catalogue exit code; gates and bugs routed through EXIT_CODES.
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import {
  EXIT_CODES,
  EXIT_USAGE,
  exitCodeOfGates,
  usageExitCode,
  usageExitCodeOrThrow,
} from "../../src/cli/exit-code.js";
import { HubkitError, HubkitErrorList } from "../../src/errors.js";
import { buildConformanceReport } from "../../src/reporters/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun } from "../fixtures/runs/sample-runs.js";

describe("usageExitCode", () => {
  const capture = () => {
    let text = "";
    return { write: (t: string) => (text += t), text: () => text };
  };

  it("maps commander's help to 0 and its errors to 2, printing nothing more", () => {
    const err = capture();
    expect(usageExitCode(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"), err.write)).toBe(0);
    expect(usageExitCode(new CommanderError(1, "commander.unknownOption", "unknown option"), err.write)).toBe(
      EXIT_USAGE,
    );
    expect(err.text()).toBe("");
  });

  it("prints a usage error once, with its position and hint, and a list under its summary", () => {
    const one = capture();
    const error = new HubkitError("Bad key.", {
      code: "E_USAGE",
      hint: "Fix it.",
      position: { file: "a.yaml", line: 2, column: 3 },
    });
    expect(usageExitCode(error, one.write)).toBe(2);
    expect(one.text()).toBe("hubkit: a.yaml:2:3: Bad key. [E_USAGE]\n    hint: Fix it.\n");
    const list = capture();
    expect(usageExitCode(new HubkitErrorList([error], "1 problem(s) in the suites"), list.write)).toBe(2);
    expect(list.text()).toBe(
      "hubkit: 1 problem(s) in the suites:\na.yaml:2:3: Bad key. [E_USAGE]\n    hint: Fix it.\n",
    );
  });

  it("leaves anything else to the caller: it is a bug, not a usage error", () => {
    const err = capture();
    expect(usageExitCode(new Error("boom"), err.write)).toBeUndefined();
    expect(err.text()).toBe("");
  });

  it("usageExitCodeOrThrow returns a usage error's code and rethrows anything else", () => {
    const err = capture();
    expect(usageExitCodeOrThrow(new HubkitError("Bad.", { code: "E_GATE" }), err.write)).toBe(EXIT_CODES.usage);
    const bug = new Error("boom");
    expect(() => usageExitCodeOrThrow(bug, err.write)).toThrow(bug);
  });

  it("exitCodeOfGates prints one line per gate and returns the table's code for the failed gates", () => {
    const out = capture();
    const report = buildConformanceReport(failingRun(), loadSpec());
    expect(exitCodeOfGates(report, { minPass: 100, minCoverage: 100 }, { stdout: out.write })).toBe(
      EXIT_CODES.bothGates,
    );
    expect(out.text().trimEnd().split("\n")).toHaveLength(2);
    expect(out.text()).toMatch(/✗ pass gate: .*\n✗ coverage gate: /);
  });
});
