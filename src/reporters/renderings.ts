// The file renderings of conformance.json, by reporter name: what file each writes and how it renders the report.
import type { ConformanceReport } from "./conformance-report.js";
import { renderHtml } from "./render-html.js";
import { renderJunit } from "./render-junit.js";
import { renderMarkdown } from "./render-markdown.js";

export interface Rendering {
  /** The reporter name that selects it, e.g. `junit`. */
  name: FileReporterName;
  /** File name inside the output folder. */
  fileName: string;
  render(report: ConformanceReport): string;
}

export type FileReporterName = "json" | "junit" | "html" | "md";

export const RENDERINGS: Readonly<Record<FileReporterName, Rendering>> = {
  json: { name: "json", fileName: "conformance.json", render: (report) => `${JSON.stringify(report, null, 2)}\n` },
  junit: { name: "junit", fileName: "junit.xml", render: renderJunit },
  html: { name: "html", fileName: "report.html", render: renderHtml },
  md: { name: "md", fileName: "summary.md", render: renderMarkdown },
};
