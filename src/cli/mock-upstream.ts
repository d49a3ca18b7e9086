// `hubkit mock` upstream flags: --upstream [URL] (repeatable), --upstream-settings FILE, --upstream-timeout SECONDS.
import { type Command, InvalidArgumentError, Option } from "commander";
import {
  FUNCTIONS_DEFAULT_URL,
  templateFor,
  type UpstreamDispatcher,
  type UpstreamOptions,
  urlTemplateProblem,
} from "../mock/upstream/index.js";

export interface UpstreamFlags {
  upstream?: string[];
  upstreamSettings?: string;
  upstreamTimeout?: number;
}

export function addUpstreamOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--upstream [url-template]",
        "send client invocations and connection events to this upstream; repeat for several (first match wins). " +
          `{hub}, {category} and {event} are filled in. No value: the Functions default ${FUNCTIONS_DEFAULT_URL}`,
      )
        .preset(FUNCTIONS_DEFAULT_URL)
        .argParser(collectUpstream),
    )
    .option(
      "--upstream-settings <file>",
      "the Azure SignalR emulator's settings.json (UpstreamSettings.Templates); reloaded when it changes",
    )
    .option(
      "--upstream-timeout <seconds>",
      "how long one upstream call may take before the client gets an error (default: 100, as the service)",
      parseTimeout,
    );
}

function collectUpstream(value: string, previous: string[] | undefined): string[] {
  const problem = urlTemplateProblem(value);
  if (problem) throw new InvalidArgumentError(`${problem}.`);
  return [...(previous ?? []), value];
}

function parseTimeout(value: string): number {
  const seconds = value.trim() === "" ? Number.NaN : Number(value);
  if (!(seconds > 0 && seconds <= 3600)) {
    throw new InvalidArgumentError(`expected a number of seconds from 0 to 3600 (not 0), found '${value}'.`);
  }
  return seconds;
}

/** The mock's upstream options from the flags; undefined when none was given (the state file may still add some). */
export function upstreamOptionsFrom(flags: UpstreamFlags): UpstreamOptions | undefined {
  if (!flags.upstream && !flags.upstreamSettings && flags.upstreamTimeout === undefined) return undefined;
  return {
    ...(flags.upstream ? { templates: flags.upstream.map(templateFor) } : {}),
    ...(flags.upstreamSettings ? { settingsFile: flags.upstreamSettings } : {}),
    ...(flags.upstreamTimeout === undefined ? {} : { timeoutMs: Math.round(flags.upstreamTimeout * 1000) }),
    // Reload results are printed even with --quiet: a bad edit must not go unnoticed.
    report: (text) => process.stderr.write(`${text}\n`),
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
