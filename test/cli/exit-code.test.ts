// usageExitCode: usage errors printed once and mapped to exit code 2; anything else left to the caller.
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { EXIT_USAGE, usageExitCode } from "../../src/cli/exit-code.js";
import { HubkitError, HubkitErrorList } from "../../src/errors.js";

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
});
