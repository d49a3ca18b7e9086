// `hubkit mock` upstream flags: --upstream [URL] (repeatable), --upstream-settings FILE, --upstream-timeout SECONDS.
import { type Command, InvalidArgumentError, Option } from "commander";
// Light: loaded for `--help`, so it imports only the import-free template rules; the rest is in mock-upstream-action.ts.
import { FUNCTIONS_DEFAULT_URL, urlTemplateProblem } from "../mock/upstream/templates.js";

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
