// `hubkit report <conformance.json>`: re-renders a saved run (html, junit, md, json, console) and applies the CI gate.
import type { Command } from "commander";
import { loadSpec } from "../../src/spec/index.js";
import {
  type ConformanceReport,
  createReporters,
  DEFAULT_OUT_DIR,
  evaluateGates,
  type FileReporterName,
  parsePercent,
  parseReporterNames,
  RENDERINGS,
  readConformanceReport,
  replayReport,
  writeRendering,
} from "../reporters/index.js";
import { collect } from "./options.js";

/** Where the report and diff commands write and how they set the exit code; injectable so tests run them in-process. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Records the exit code; the process exits with it once the command is done. */
  setExitCode(code: number): void;
}

export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

interface ReportFlags {
  reporter: string[];
  outDir?: string;
  minPass?: string;
  minCoverage?: string;
}

const REPORT_REPORTERS = ["console", ...Object.keys(RENDERINGS)];

async function render(name: string, report: ConformanceReport, options: { outDir: string; io: CommandIo }) {
  if (name === "console") {
    const [reporter] = createReporters(["console"], {
      spec: loadSpec(),
      stdout: { write: (text: string) => options.io.stdout(text) },
    });
    await replayReport(report, reporter!);
    return;
  }
  // A saved report was redacted when written; writeRendering redacts again by pattern in case it was edited.
  const path = await writeRendering(RENDERINGS[name as FileReporterName], report, {
    outDir: options.outDir,
    secrets: [],
  });
  options.io.stdout(`wrote ${path}\n`);
}

export function registerReportCommand(program: Command, io: CommandIo = processIo): Command {
  return (
    program
      .command("report")
      .description("Re-render a saved conformance.json as report.html, junit.xml, summary.md; apply the CI gate")
      .argument("<conformance.json>", "a report written by `hubkit run` (reports/conformance.json)")
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
          "",
          "Exit codes: 0 gates met, 1 pass rate below --min-pass, 2 usage error (bad flag or file),",
          "            3 coverage below --min-coverage, 4 both gates failed.",
        ].join("\n"),
      )
      .action(async (file: string, flags: ReportFlags) => {
        const names = parseReporterNames(flags.reporter ?? ["html,junit,md"], REPORT_REPORTERS);
        const gates = {
          minPass: parsePercent("--min-pass", flags.minPass ?? "100"),
          minCoverage: flags.minCoverage === undefined ? undefined : parsePercent("--min-coverage", flags.minCoverage),
        };
        const report = await readConformanceReport(file);
        const outDir = flags.outDir ?? DEFAULT_OUT_DIR;
        for (const name of names) await render(name, report, { outDir, io });
        const result = evaluateGates(report, gates);
        io.stdout(`${result.messages.join("\n")}\n`);
        io.setExitCode(result.exitCode);
      })
  );
}
