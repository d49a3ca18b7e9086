// A Reporter that writes one rendering of the run to a file: build the report, redact it, render, write atomically.
import { join } from "node:path";
import type { Reporter } from "../results/reporter.js";
import type { RunResult } from "../results/result.js";
import type { ConformanceReport } from "./conformance-report.js";
import { redactLiteralSecrets, redactReport } from "./redact-report.js";
import type { Rendering } from "./renderings.js";
import { writeFileAtomic } from "./write-file-atomic.js";

export interface WriteOptions {
  /** Output folder, created when missing. */
  outDir: string;
  /** Literal secrets (access keys, tokens) to remove on top of the patterns redaction always removes. */
  secrets: readonly string[];
}

/** Renders an already built report to `<outDir>/<fileName>` and returns the path written. */
export async function writeRendering(
  rendering: Rendering,
  report: ConformanceReport,
  options: WriteOptions,
): Promise<string> {
  const path = join(options.outDir, rendering.fileName);
  // Redact the document, then the rendered text once more: no rendering can reintroduce a key.
  const text = rendering.render(redactReport(report, options.secrets));
  await writeFileAtomic(path, redactLiteralSecrets(text, options.secrets));
  return path;
}

export interface FileReporter extends Reporter {
  /** Where the file goes. */
  readonly path: string;
}

export function createFileReporter(
  rendering: Rendering,
  options: WriteOptions & { reportOf: (result: RunResult) => ConformanceReport },
): FileReporter {
  return {
    name: rendering.name,
    path: join(options.outDir, rendering.fileName),
    onRunEnd: async (result) => {
      await writeRendering(rendering, options.reportOf(result), options);
    },
  };
}
