// `hubkit diff <a.json> <b.json>`: what changed between two runs, per test and per operation x status.
// The options live here; the implementation (diff-action.ts) is loaded only when the command runs.
import type { Command } from "commander";
import { DIFF_REPORTERS } from "../reporters/render-diff.js";
import type { DiffFlags } from "./diff-flags.js";
import { type CommandIo, commandIo } from "./io.js";

export function registerDiffCommand(program: Command, io: Partial<CommandIo> = {}): Command {
  const out = commandIo(io);
  return program
    .command("diff")
    .description("Compare two conformance.json files (mock vs live, or two builds) per test and operation x status")
    .argument("<a.json>", "the baseline run")
    .argument("<b.json>", "the run to compare with it")
    .option("--reporter <name>", `output format: ${DIFF_REPORTERS.join(" or ")}`, "console")
    .option("--strict", "exit 1 on any difference, not only on regressions")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  hubkit diff mock/conformance.json live/conformance.json",
        "  hubkit diff main/conformance.json pr/conformance.json --reporter md >> $GITHUB_STEP_SUMMARY",
        "",
        "A regression is a test that passed in A and fails or errors in B, or an operation x status pair that",
        "fails in B and did not in A. Exit codes: 0 no regressions (with --strict: no differences at all),",
        "1 regressions (with --strict: any difference), 2 usage error (bad flag or file).",
      ].join("\n"),
    )
    .action(async (fileA: string, fileB: string, flags: DiffFlags) => {
      const { executeDiff } = await import("./diff-action.js");
      out.setExitCode(await executeDiff(fileA, fileB, flags, out));
    });
}
