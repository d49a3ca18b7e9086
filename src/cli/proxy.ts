// `hubkit proxy`: Prism's validation proxy in front of any implementation; every request and response violation is
// recorded and written as a conformance report when the proxy stops (Ctrl-C / SIGTERM).
import { type Command, InvalidArgumentError } from "commander";
import { startValidationProxy } from "../prism/index.js";
import { judgeRecord, type ProxyRecord } from "../prism/proxy-record.js";
import { createReporters, DEFAULT_OUT_DIR, parseReporterNames } from "../reporters/index.js";
import type { RunResult } from "../runner/result.js";
import { loadSpec } from "../spec/index.js";
import { collect, parsePort } from "./options.js";

export const DEFAULT_PROXY_PORT = 4010;

interface ProxyFlags {
  upstream: string;
  port: number;
  host: string;
  reporter?: string[];
  outDir: string;
}

/** Where the command writes, when it stops and how it sets the exit code; injectable so tests run it in-process. */
export interface ProxyIo {
  stdout(text: string): void;
  setExitCode(code: number): void;
  /** Resolves with a name for the log when the proxy should stop; default SIGINT or SIGTERM. */
  stopRequested(): Promise<string>;
}

const processIo: ProxyIo = {
  stdout: (text) => process.stdout.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
  stopRequested: () =>
    new Promise((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    }),
};

export function registerProxyCommand(program: Command, io: Partial<ProxyIo> = {}): Command {
  const out = { ...processIo, ...io };
  return program
    .command("proxy")
    .description(
      "Validate live traffic against the spec: Prism's validation proxy forwards to --upstream, hubkit records " +
        "every request and response violation and writes the conformance report when stopped.",
    )
    .requiredOption("--upstream <url>", "the implementation to forward to, e.g. http://localhost:8888", parseUrl)
    .option("-p, --port <port>", `port clients send to (0 for any free port)`, parsePort, DEFAULT_PROXY_PORT)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--reporter <names>", "report files, comma-separated: json, junit, html, md", collect)
    .option("--out-dir <dir>", "folder for the report files", DEFAULT_OUT_DIR)
    .addHelpText(
      "after",
      [
        "",
        "Point clients at the proxy instead of the implementation; tokens must be signed for the host they call.",
        "A response violation, or an invalid request the upstream accepted, fails that exchange; an invalid",
        "request the upstream rejected (4xx) is the behaviour the spec asks for and passes.",
        "",
        "Example:",
        "  hubkit proxy --upstream http://localhost:8888 --port 4010",
        "",
        "Exit codes (after Ctrl-C): 0 no failed exchange, 1 failed or errored exchanges, 2 usage error.",
      ].join("\n"),
    )
    .action(async (flags: ProxyFlags) => {
      const names = parseReporterNames(flags.reporter ?? ["json,junit,html,md"]);
      const spec = loadSpec();
      const proxy = await startValidationProxy({
        spec,
        upstream: flags.upstream,
        port: flags.port,
        host: flags.host,
        onRecord: (record) => out.stdout(`${formatRecord(record, judgeRecord(record, spec))}\n`),
      });
      out.stdout(
        `hubkit proxy listening on ${proxy.url}, validating against the spec (API ${spec.apiVersion}) and ` +
          `forwarding to ${flags.upstream} through Prism\n  press Ctrl-C to stop and write the report to ${flags.outDir}/\n`,
      );
      const signal = await out.stopRequested();
      out.stdout(`${signal} received, stopping the proxy\n`);
      const result = await proxy.stop();
      for (const reporter of createReporters(names, { outDir: flags.outDir, spec })) await reporter.onRunEnd?.(result);
      out.stdout(`${summarize(result)}\nReport written to ${flags.outDir}/\n`);
      out.setExitCode(result.summary.failed + result.summary.errored > 0 ? 1 : 0);
    });
}

/** `✗ #3 POST /api/hubs/chat/:send?api-version=2022-06-01 → 200: status 200 is not one SignalR_Broadcast returns` */
function formatRecord(record: ProxyRecord, checks: ReturnType<typeof judgeRecord>): string {
  const head = `#${record.index} ${record.method} ${record.url} → ${record.status}`;
  if (record.prismError) return `! ${head}: ${record.prismError}`;
  const failed = checks.filter((c) => c.outcome === "failed").map((c) => c.title);
  return failed.length > 0 ? `✗ ${head}: ${failed.join("; ")}` : `✓ ${head}`;
}

function summarize(result: RunResult): string {
  const { total, passed, failed, errored } = result.summary;
  return `${total} exchange(s): ${passed} passed, ${failed} failed, ${errored} errored`;
}

function parseUrl(value: string): string {
  if (!/^https?:\/\/[^/]/i.test(value) || !URL.canParse(value)) {
    throw new InvalidArgumentError(`expected an http:// or https:// URL, found '${value}'.`);
  }
  return value.replace(/\/+$/, "");
}
