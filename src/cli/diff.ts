// `hubkit diff <a.json> <b.json>`: what changed between two runs, per test and per operation x status.
import type { Command } from "commander";
import { HubkitError } from "../errors.js";
import {
  DIFF_REPORTERS,
  diffExitCode,
  diffReports,
  E_REPORTER,
  parseReporterNames,
  readConformanceReport,
  renderDiffMarkdown,
  renderDiffText,
} from "../reporters/index.js";
import { type CommandIo, processIo } from "./report.js";

interface DiffFlags {
  reporter: string;
  strict?: boolean;
}

export function registerDiffCommand(program: Command, io: CommandIo = processIo): Command {
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
      const names = parseReporterNames(flags.reporter, DIFF_REPORTERS);
      if (names.length > 1) {
        throw new HubkitError(`hubkit diff prints one format, found --reporter ${names.join(",")}`, {
          code: E_REPORTER,
          hint: `pick one of ${DIFF_REPORTERS.join(", ")}`,
        });
      }
      const name = names[0];
      const [a, b] = await Promise.all([readConformanceReport(fileA), readConformanceReport(fileB)]);
      const diff = diffReports(a, b, { a: fileA, b: fileB });
      io.stdout(name === "md" ? renderDiffMarkdown(diff) : renderDiffText(diff));
      io.setExitCode(diffExitCode(diff, { strict: flags.strict }));
    });
}
