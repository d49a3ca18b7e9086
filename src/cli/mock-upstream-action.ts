// `hubkit mock` upstream flags turned into the mock's options, and the banner line; loaded only when the mock runs.
import { templateFor, type UpstreamDispatcher, type UpstreamOptions } from "../mock/upstream/index.js";
import { type CliIo, pathIn } from "./io.js";
import type { UpstreamFlags } from "./mock-upstream.js";

/** The mock's upstream options from the flags; undefined when none was given (the state file may still add some). */
export function upstreamOptionsFrom(flags: UpstreamFlags, io: CliIo): UpstreamOptions | undefined {
  if (!flags.upstream && !flags.upstreamSettings && flags.upstreamTimeout === undefined) return undefined;
  return {
    ...(flags.upstream ? { templates: flags.upstream.map(templateFor) } : {}),
    ...(flags.upstreamSettings ? { settingsFile: pathIn(io, flags.upstreamSettings) } : {}),
    ...(flags.upstreamTimeout === undefined ? {} : { timeoutMs: Math.round(flags.upstreamTimeout * 1000) }),
    // Reload results are printed even with --quiet: a bad edit must not go unnoticed.
    report: (text) => io.stderr(`${text}\n`),
  };
}

/** One banner line: where invocations go. */
export function describeUpstream(dispatcher: UpstreamDispatcher, flags: UpstreamFlags): string {
  const templates = dispatcher.getTemplates();
  const handlers = dispatcher.handlers.size;
  if (templates === undefined && handlers === 0) return "";
  const parts = [
    ...(templates
      ? [
          `${templates.length} URL template(s)${flags.upstreamSettings ? ` (${flags.upstreamSettings}, reloaded on change)` : ""}`,
        ]
      : []),
    ...(handlers > 0 ? [`${handlers} in-process hub method(s)`] : []),
  ];
  const first = templates?.[0] ? `; first: ${templates[0].urlTemplate}` : "";
  return `  upstream: ${parts.join(", ")}${first} (recorded at /_hubkit/upstream)`;
}
