// What `hubkit report` does once parsed: renders a saved conformance.json and applies the CI gates.
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
import { type CommandIo, pathIn } from "./io.js";
import type { ReportFlags } from "./report.js";

const REPORT_REPORTERS = ["console", ...Object.keys(RENDERINGS)];

export async function executeReport(file: string, flags: ReportFlags, io: CommandIo): Promise<number> {
  const names = parseReporterNames(flags.reporter ?? ["html,junit,md"], REPORT_REPORTERS);
  const gates = {
    minPass: parsePercent("--min-pass", flags.minPass ?? "100"),
    minCoverage: flags.minCoverage === undefined ? undefined : parsePercent("--min-coverage", flags.minCoverage),
  };
  const report = await readConformanceReport(pathIn(io, file));
  const outDir = pathIn(io, flags.outDir ?? DEFAULT_OUT_DIR);
  for (const name of names) await render(name, report, { outDir, io });
  const result = evaluateGates(report, gates);
  io.stdout(`${result.messages.join("\n")}\n`);
  return result.exitCode;
}

async function render(name: string, report: ConformanceReport, options: { outDir: string; io: CommandIo }) {
  if (name === "console") {
    const [reporter] = createReporters(["console"], { stdout: { write: (text: string) => options.io.stdout(text) } });
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
