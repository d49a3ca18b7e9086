// Reporters by name (`--reporter console,json,junit,html,md`): one shared report per run, usage errors for unknown names.
import { HubkitError } from "../errors.js";
import type { Reporter } from "../results/reporter.js";
import type { RunResult } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import { buildConformanceReport } from "./build-report.js";
import type { ConformanceReport } from "./conformance-report.js";
import { type ConsoleOutput, createConsoleReporter } from "./console.js";
import { createFileReporter } from "./file-reporter.js";
import { DEFAULT_OUT_DIR } from "./out-dir.js";
import { redactText } from "./redact-report.js";
import { type FileReporterName, RENDERINGS } from "./renderings.js";

export const E_REPORTER = "E_REPORTER";
export { DEFAULT_OUT_DIR } from "./out-dir.js";

export interface ReporterOptions {
  /** Output folder of the file reporters (default `reports`). */
  outDir?: string;
  /** Literal secrets to redact from every output (the access key, issued tokens). */
  secrets?: readonly string[];
  /** The spec whose operations form the coverage matrix (default: hubkit's own 2022-06-01 document). */
  spec: SpecIndex;
  /** Where the console reporter writes (default: process.stdout). */
  stdout?: ConsoleOutput;
}

interface ResolvedOptions {
  outDir: string;
  secrets: readonly string[];
  stdout: ConsoleOutput;
  reportOf: (result: RunResult) => ConformanceReport;
}

type ReporterFactory = (options: ResolvedOptions) => Reporter;

const fileFactory =
  (name: FileReporterName): ReporterFactory =>
  (options) =>
    createFileReporter(RENDERINGS[name], options);

/** The console reporter, with what it prints passed through the same redaction as the files. */
const consoleFactory: ReporterFactory = ({ stdout, secrets }) =>
  createConsoleReporter({
    out: { write: (text: string) => stdout.write(redactText(text, secrets)), isTTY: stdout.isTTY },
  });

const FACTORIES: ReadonlyMap<string, ReporterFactory> = new Map([
  ["console", consoleFactory],
  ["json", fileFactory("json")],
  ["junit", fileFactory("junit")],
  ["html", fileFactory("html")],
  ["md", fileFactory("md")],
]);

/** The names `--reporter` accepts. */
export function reporterNames(): string[] {
  return [...FACTORIES.keys()];
}

/** Splits `--reporter` values (`html,junit` or repeated flags), trims, drops duplicates, rejects unknown names. */
export function parseReporterNames(
  values: string | readonly string[],
  known: readonly string[] = reporterNames(),
): string[] {
  const names = [
    ...new Set(
      (typeof values === "string" ? [values] : values)
        .flatMap((v) => v.split(","))
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) {
    throw new HubkitError("--reporter needs at least one reporter name", {
      code: E_REPORTER,
      hint: `valid reporters: ${known.join(", ")}`,
    });
  }
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new HubkitError(
      `unknown reporter ${unknown.map((n) => `"${n}"`).join(", ")}; expected one of ${known.join(", ")}`,
      {
        code: E_REPORTER,
        hint: `for example --reporter ${known
          .filter((n) => n !== "json")
          .slice(0, 3)
          .join(",")}`,
      },
    );
  }
  return names;
}

export function createReporters(names: readonly string[], options: ReporterOptions): Reporter[] {
  const valid = parseReporterNames(names);
  const spec = options.spec;
  // Every file reporter renders the same document; build it once per result.
  const built = new WeakMap<RunResult, ConformanceReport>();
  const reportOf = (result: RunResult) => {
    let report = built.get(result);
    if (!report) {
      report = buildConformanceReport(result, spec);
      built.set(result, report);
    }
    return report;
  };
  const resolved = {
    outDir: options.outDir ?? DEFAULT_OUT_DIR,
    secrets: options.secrets ?? [],
    stdout: options.stdout ?? process.stdout,
    reportOf,
  };
  return valid.map((name) => FACTORIES.get(name)!(resolved));
}
