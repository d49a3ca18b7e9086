// What `hubkit report` does once parsed: renders a saved conformance.json and applies the CI gates.

import { HubkitError } from "../errors.js";
import {
  type ConformanceReport,
  createReporters,
  DEFAULT_OUT_DIR,
  E_REPORT_INPUT,
  type FileReporterName,
  mergeReports,
  type NamedReport,
  parsePercent,
  parseReporterNames,
  RENDERINGS,
  readConformanceReport,
  replayReport,
  writeRendering,
} from "../reporters/index.js";
import { loadServedSpec, type SpecIndex } from "../spec/index.js";
import { exitCodeOfGates } from "./exit-code.js";
import { type CommandIo, pathIn } from "./io.js";
import type { ReportFlags } from "./report.js";

const REPORT_REPORTERS = ["console", ...Object.keys(RENDERINGS)];

export async function executeReport(files: readonly string[], flags: ReportFlags, io: CommandIo): Promise<number> {
  // A merged run has no conformance.json yet: write it too by default.
  const names = parseReporterNames(
    flags.reporter ?? [flags.merge ? "json,html,junit,md" : "html,junit,md"],
    REPORT_REPORTERS,
  );
  const gates = {
    minPass: parsePercent("--min-pass", flags.minPass ?? "100"),
    minCoverage: flags.minCoverage === undefined ? undefined : parsePercent("--min-coverage", flags.minCoverage),
  };
  // The union, as `hubkit run` checks against by default: merged coverage rows carry every version.
  const spec = loadServedSpec();
  const report = await readInput(files, flags, io, spec);
  const outDir = pathIn(io, flags.outDir ?? DEFAULT_OUT_DIR);
  for (const name of names) await render(name, report, { outDir, io, spec });
  return exitCodeOfGates(report, gates, io);
}

async function readInput(
  files: readonly string[],
  flags: ReportFlags,
  io: CommandIo,
  spec: SpecIndex,
): Promise<ConformanceReport> {
  if (!flags.merge) {
    if (files.length !== 1) {
      throw new HubkitError(`hubkit report re-renders one report, found ${files.length}.`, {
        code: E_REPORT_INPUT,
        hint: "To combine the reports of sharded runs into one, add --merge.",
      });
    }
    return readConformanceReport(pathIn(io, files[0]!));
  }
  const named: NamedReport[] = [];
  for (const file of files) named.push({ path: file, report: await readConformanceReport(pathIn(io, file)) });
  return mergeReports(named, spec);
}

async function render(
  name: string,
  report: ConformanceReport,
  options: { outDir: string; io: CommandIo; spec: SpecIndex },
) {
  if (name === "console") {
    const [reporter] = createReporters(["console"], {
      spec: options.spec,
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
