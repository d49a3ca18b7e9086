// What `hubkit diff` does once parsed: reads both reports, prints the differences, returns the exit code.
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
import type { DiffFlags } from "./diff-flags.js";
import { type CommandIo, pathIn } from "./io.js";

export async function executeDiff(fileA: string, fileB: string, flags: DiffFlags, io: CommandIo): Promise<number> {
  const names = parseReporterNames(flags.reporter, DIFF_REPORTERS);
  if (names.length > 1) {
    throw new HubkitError(`hubkit diff prints one format, found --reporter ${names.join(",")}`, {
      code: E_REPORTER,
      hint: `pick one of ${DIFF_REPORTERS.join(", ")}`,
    });
  }
  const name = names[0];
  const [a, b] = await Promise.all([
    readConformanceReport(pathIn(io, fileA)),
    readConformanceReport(pathIn(io, fileB)),
  ]);
  const diff = diffReports(a, b, { a: fileA, b: fileB });
  io.stdout(name === "md" ? renderDiffMarkdown(diff) : renderDiffText(diff));
  return diffExitCode(diff, { strict: flags.strict });
}
