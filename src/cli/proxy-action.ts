// What `hubkit proxy` does once parsed: starts Prism's validation proxy, prints one line per exchange, and when asked
// to stop writes the conformance report; resolves with the exit code.
import { outcomeExitCode } from "../exit-codes.js";
import { startValidationProxy } from "../prism/index.js";
import { judgeRecord, type ProxyRecord } from "../prism/proxy-record.js";
import { createReporters, parseReporterNames } from "../reporters/index.js";
import type { RunResult } from "../results/result.js";
import { loadServedSpec, NEWEST_API_VERSION, SPEC_PATHS, type SpecIndex } from "../spec/index.js";
import { type CommandIo, pathIn, stopRequested } from "./io.js";
import type { ProxyFlags } from "./proxy-flags.js";

export async function executeProxy(flags: ProxyFlags, io: CommandIo): Promise<number> {
  const names = parseReporterNames(flags.reporter ?? ["json,junit,html,md"]);
  const { spec, specPath } = proxyDocument(flags.apiVersion);
  const proxy = await startValidationProxy({
    spec,
    specPath,
    upstream: flags.upstream,
    port: flags.port,
    host: flags.host,
    onRecord: (record) => io.stdout(`${formatRecord(record, judgeRecord(record, spec))}\n`),
  });
  io.stdout(
    `hubkit proxy listening on ${proxy.url}, validating against the spec (API ${spec.apiVersion}) and ` +
      `forwarding to ${flags.upstream} through Prism\n  press Ctrl-C to stop and write the report to ${flags.outDir}/\n`,
  );
  const signal = await stopRequested(io);
  io.stdout(`${signal} received, stopping the proxy\n`);
  const result = await proxy.stop();
  for (const reporter of createReporters(names, { outDir: pathIn(io, flags.outDir), spec }))
    await reporter.onRunEnd?.(result);
  io.stdout(`${summarize(result)}\nReport written to ${flags.outDir}/\n`);
  return outcomeExitCode(result.summary);
}

/**
 * The one document Prism validates against (its proxy takes a single document): the chosen version's, else the
 * newest, which holds every operation of the older ones with the same statuses, so SDK traffic to newer operations
 * (sent under either api-version) is checked, not refused as an unknown path.
 */
export function proxyDocument(chosen?: string): { spec: SpecIndex; specPath: string } {
  const apiVersion = chosen ?? NEWEST_API_VERSION;
  // loadServedSpec refuses a version hubkit has no document for, with the list of those it has.
  const spec = loadServedSpec(apiVersion);
  return { spec, specPath: SPEC_PATHS[apiVersion]! };
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
