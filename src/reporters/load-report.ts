// Reads a saved conformance.json (for `hubkit report` and `hubkit diff`), with usage errors that name the file;
// reports of older hubkit versions are upgraded to today's shape.
import { readFile } from "node:fs/promises";
import { HubkitError } from "../errors.js";
import type { ConformanceReport } from "./conformance-report.js";
import { validateReportDocument } from "./report-schema.js";
import { type StoredReport, upgradeReport } from "./upgrade-report.js";

export const E_REPORT_INPUT = "E_REPORT_INPUT";

export async function readConformanceReport(path: string): Promise<ConformanceReport> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
    throw new HubkitError(`report file ${path} ${reason}`, {
      code: E_REPORT_INPUT,
      hint: "pass the conformance.json a run wrote (by default reports/conformance.json)",
      cause,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new HubkitError(`report file ${path} is not JSON: ${(cause as Error).message}`, {
      code: E_REPORT_INPUT,
      hint: "pass conformance.json, not junit.xml, report.html or summary.md",
      cause,
    });
  }
  const problems = validateReportDocument(value);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join("; ");
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    throw new HubkitError(`report file ${path} is not a hubkit conformance report: ${shown}${more}`, {
      code: E_REPORT_INPUT,
      hint: "expected a document described by spec/report.schema.json, as written by `hubkit run --reporter json`",
    });
  }
  // Written by an older hubkit: fields added since are derived, so renderings, merge and diff see one shape.
  return upgradeReport(value as StoredReport);
}
