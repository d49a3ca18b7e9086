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
import { KNOWN_API_VERSIONS, loadServedSpec, type SpecIndex } from "../spec/index.js";
import { exitCodeOfGates } from "./exit-code.js";
import { type CommandIo, pathIn } from "./io.js";
import type { ReportFlags } from "./report-flags.js";

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
  const { report, spec } = await readInput(files, flags, io);
  const outDir = pathIn(io, flags.outDir ?? DEFAULT_OUT_DIR);
  for (const name of names) await render(name, report, { outDir, io, spec });
  return exitCodeOfGates(report, gates, io);
}

async function readInput(
  files: readonly string[],
  flags: ReportFlags,
  io: CommandIo,
): Promise<{ report: ConformanceReport; spec: SpecIndex }> {
  if (!flags.merge) {
    if (files.length !== 1) {
      throw new HubkitError(`hubkit report re-renders one report, found ${files.length}.`, {
        code: E_REPORT_INPUT,
        hint: "To combine the reports of sharded runs into one, add --merge.",
      });
    }
    const report = await readConformanceReport(pathIn(io, files[0]!));
    return { report, spec: specCovering(report) };
  }
  const named: NamedReport[] = [];
  for (const file of files) named.push({ path: file, report: await readConformanceReport(pathIn(io, file)) });
  // Shards cover the same versions (mergeReports refuses others), so the first one's choose the spec.
  const spec = named[0] ? specCovering(named[0].report) : loadServedSpec();
  return { report: mergeReports(named, spec), spec };
}

/**
 * The spec a saved run was checked against: one version's document when its coverage has only that version (`hubkit
 * run --api-version`), else the union, as `hubkit run` uses by default; merged coverage keeps the run's versions.
 */
function specCovering(report: ConformanceReport): SpecIndex {
  const versions = report.coverage.versions.map((v) => v.apiVersion);
  const [only] = versions;
  return versions.length === 1 && only !== undefined && KNOWN_API_VERSIONS.includes(only)
    ? loadServedSpec(only)
    : loadServedSpec();
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
