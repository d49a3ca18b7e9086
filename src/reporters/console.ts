// The console reporter: one line per test with its time, a progress bar on terminals for long runs, then the
// failures (file:line:col, expected vs actual) and a summary.

import type { Reporter, RunStartInfo } from "../results/reporter.js";
import type { CheckResult, RunResult, StepResult, TestResult } from "../results/result.js";
import { escapeTerminalLine as line, escapeTerminalText as text } from "../terminal-text.js";

export interface ConsoleOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ConsoleReporterOptions {
  out: ConsoleOutput;
  /** Default: on when `out` is a terminal and NO_COLOR is unset. */
  color?: boolean;
  /** Show a progress bar from this many tests on (terminals only; default 20). */
  progressFrom?: number;
}

const MARK = { passed: "✓", failed: "✗", errored: "!", skipped: "-" } as const;

export function createConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const { out } = options;
  const color = options.color ?? (out.isTTY === true && process.env.NO_COLOR === undefined);
  const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const tint = { passed: 32, failed: 31, errored: 35, skipped: 33 } as const;
  let total = 0;
  let done = 0;
  let bar = false;
  const clearBar = () => bar && out.write("\r\x1b[K");
  const drawBar = () => {
    if (!bar) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    out.write(`[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
  };
  return {
    name: "console",
    onRunStart(info: RunStartInfo) {
      total = info.testCount;
      bar = out.isTTY === true && total >= (options.progressFrom ?? 20);
      const { target, runId } = info.metadata;
      out.write(
        `hubkit run: ${total} test(s) against the ${target.description ?? `${target.kind} target`} ${line(target.endpoint)} (run id ${line(runId)})\n`,
      );
      drawBar();
    },
    onTestEnd(test: TestResult) {
      done += 1;
      clearBar();
      const time = test.outcome === "skipped" ? "" : paint(90, ` (${formatMs(test.durationMs)})`);
      const why = test.skipReason ? paint(90, ` skipped: ${line(test.skipReason)}`) : "";
      out.write(`  ${paint(tint[test.outcome], MARK[test.outcome])} ${line(test.id)}${time}${why}\n`);
      drawBar();
    },
    onRunEnd(result: RunResult) {
      clearBar();
      const broken = result.tests.filter((t) => t.outcome === "failed" || t.outcome === "errored");
      if (broken.length > 0) out.write(`\n${paint(31, "Failures:")}\n`);
      broken.forEach((test, i) => {
        out.write(`\n${i + 1}) ${line(test.id)}\n${describeTest(test)}`);
      });
      const s = result.summary;
      const parts = [
        paint(32, `${s.passed} passed`),
        s.failed ? paint(31, `${s.failed} failed`) : `${s.failed} failed`,
        s.errored ? paint(35, `${s.errored} errored`) : `${s.errored} errored`,
        `${s.skipped} skipped`,
      ];
      out.write(`\nTests: ${parts.join(", ")} (${s.total} total) in ${formatMs(s.durationMs)}\n`);
      for (const w of result.warnings ?? []) {
        out.write(`${paint(33, "warning:")} ${line(w.message)}${w.test ? ` (${line(w.test)})` : ""}\n`);
      }
    },
  };
}

/** The details of a failed or errored test: each bad step with its position, checks, error and exchange. */
export function describeTest(test: TestResult): string {
  const lines: string[] = [];
  for (const step of test.steps) {
    if (step.outcome !== "failed" && step.outcome !== "errored") continue;
    lines.push(`   ${where(step.position)}  ${line(step.title)}`);
    if (step.outcome === "errored") {
      lines.push(`     ${line(step.error.title)}: ${indent(text(step.error.message), 6)}`);
      if (step.error.hint) lines.push(`     hint: ${line(step.error.hint)}`);
    }
    for (const check of step.checks.filter((c) => c.outcome === "failed")) lines.push(...describeCheck(check, step));
    if (step.exchange?.response && step.outcome === "failed") {
      const { request, response } = step.exchange;
      lines.push(
        `     ${line(request.method)} ${line(request.url)} -> ${response.status}${response.body ? ` ${line(clip(response.body))}` : ""}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function describeCheck(check: CheckResult, step: StepResult): string[] {
  const at = check.position && !samePosition(check.position, step.position) ? `${where(check.position)}  ` : "";
  return [
    `     ${at}${line(check.title)}`,
    `       expected: ${indent(show(check.expected), 17)}`,
    `       actual:   ${indent(show(check.actual), 17)}`,
  ];
}

function where(p: { file: string; line: number; column: number }): string {
  return `${line(p.file)}:${p.line}:${p.column}`;
}

function samePosition(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
  return a.line === b.line && a.column === b.column;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  const compact = JSON.stringify(value);
  if (compact === undefined) return "nothing";
  return compact.length <= 100 ? compact : JSON.stringify(value, null, 2);
}

function indent(text: string, by: number): string {
  return text.replaceAll("\n", `\n${" ".repeat(by)}`);
}

function clip(text: string): string {
  const one = text.replaceAll(/\s+/g, " ");
  return one.length > 200 ? `${one.slice(0, 200)}…` : one;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
