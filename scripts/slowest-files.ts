// Reads vitest's JSON report and lists the slowest test files: the table `npm run test:timing` prints.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

interface VitestJson {
  startTime: number;
  numTotalTests: number;
  numFailedTests: number;
  testResults: Array<{ name: string; startTime: number; endTime: number; status: string }>;
}

export interface FileTiming {
  file: string;
  seconds: number;
  status: string;
}

/** A file above this many seconds is named as over budget (issue 16: no file above 20 s). */
export const FILE_BUDGET_SECONDS = 20;

export function fileTimings(report: VitestJson, root: string): FileTiming[] {
  return report.testResults
    .map((r) => ({ file: relative(root, r.name), seconds: (r.endTime - r.startTime) / 1000, status: r.status }))
    .sort((a, b) => b.seconds - a.seconds);
}

/** How busy the machine was: figures mean little without it (issue 16 compares runs by per-file time and load). */
export interface RunConditions {
  cores: number;
  loadAtStart: number;
  loadAtEnd: number;
}

export function formatTimings(
  timings: readonly FileTiming[],
  wallSeconds: number,
  top = 15,
  conditions?: RunConditions,
): string {
  const lines = [`Slowest ${Math.min(top, timings.length)} of ${timings.length} test files:`];
  for (const t of timings.slice(0, top)) {
    const flag = t.seconds > FILE_BUDGET_SECONDS ? `  over ${FILE_BUDGET_SECONDS} s` : "";
    lines.push(
      `${t.seconds.toFixed(1).padStart(7)} s  ${t.file}${t.status === "passed" ? "" : ` (${t.status})`}${flag}`,
    );
  }
  const over = timings.filter((t) => t.seconds > FILE_BUDGET_SECONDS).length;
  const sum = timings.reduce((total, t) => total + t.seconds, 0);
  lines.push(
    `Wall time ${wallSeconds.toFixed(1)} s; sum of file durations ${sum.toFixed(1)} s; ${over} file(s) over ${FILE_BUDGET_SECONDS} s.`,
  );
  if (conditions) {
    const load = (n: number) => n.toFixed(2);
    lines.push(
      `Load average (1 min) ${load(conditions.loadAtStart)} at the start, ${load(conditions.loadAtEnd)} at the end, on ${conditions.cores} cores.`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export function readVitestJson(path: string): VitestJson {
  return JSON.parse(readFileSync(path, "utf8")) as VitestJson;
}
