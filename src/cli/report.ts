// `hubkit report <conformance.json>`: re-renders a saved run (html, junit, md, json, console) and applies the CI gate.
// The options live here; the implementation (report-action.ts) is loaded only when the command runs.
import type { Command } from "commander";
import { DEFAULT_OUT_DIR } from "../reporters/out-dir.js";
import { type CommandIo, commandIo } from "./io.js";
import { collect } from "./options.js";
import type { ReportFlags } from "./report-flags.js";

export type { CommandIo } from "./io.js";

/** console plus every file rendering (RENDERINGS); checked again by the action against the real list. */
const REPORT_REPORTERS = ["console", "json", "junit", "html", "md"];

export function registerReportCommand(program: Command, io: Partial<CommandIo> = {}): Command {
  const out = commandIo(io);
  return (
    program
      .command("report")
      .description("Re-render a saved conformance.json as report.html, junit.xml, summary.md; apply the CI gate")
      .argument(
        "<conformance.json...>",
        "a report written by `hubkit run` (reports/conformance.json); several with --merge",
      )
      .option("--merge", "merge the reports of sharded runs (hubkit run --shard i/n) into one, then render and gate it")
      .option("--reporter <names>", `comma-separated: ${REPORT_REPORTERS.join(", ")} (default: html,junit,md)`, collect)
      // No commander defaults: they would show quoted, (default: "100"); the action falls back to these.
      .option("--out-dir <dir>", `folder to write the files to (default: ${DEFAULT_OUT_DIR})`)
      .option("--min-pass <percent>", "fail (exit 1) below this pass rate of the tests that ran (default: 100)")
      .option("--min-coverage <percent>", "fail (exit 3) below this share of documented operation x status pairs")
      .addHelpText(
        "after",
        [
          "",
          "Examples:",
          "  hubkit report reports/conformance.json --reporter html,junit,md",
          "  hubkit report reports/conformance.json --reporter md --min-pass 95 --min-coverage 80",
          "  hubkit report --merge shard-1/conformance.json shard-2/conformance.json --out-dir reports",
          "",
          "Exit codes: 0 gates met, 1 pass rate below --min-pass, 2 usage error (bad flag or file),",
          "            3 coverage below --min-coverage, 4 both gates failed.",
        ].join("\n"),
      )
      .action(async (files: string[], flags: ReportFlags) => {
        const { executeReport } = await import("./report-action.js");
        out.setExitCode(await executeReport(files, flags, out));
      })
  );
}
