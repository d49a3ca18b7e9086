// `hubkit upstream-test URL`: plays the service against a running upstream (a Functions app's SignalR trigger or any
// receiver) and checks what a correct receiver answers, as a conformance run with the usual reports.
// The options live here; the implementation (upstream-test-action.ts) is loaded only when the command runs.
import type { Command } from "commander";
import { type CommandIo, commandIo } from "./io.js";
import { collect } from "./options.js";
import type { UpstreamTestFlags } from "./upstream-test-flags.js";

export function registerUpstreamTestCommand(program: Command, io: Partial<CommandIo> = {}): Command {
  const out = commandIo(io);
  return program
    .command("upstream-test")
    .argument("<url>", "the upstream, e.g. http://localhost:7071/runtime/webhooks/signalr")
    .description(
      "Check an upstream (a Functions app's SignalR trigger, or your own receiver) as the service calls it: 200 and a " +
        "framed Completion for invocations (JSON and MessagePack), 401 on a bad signature, 404 for an unbound event, " +
        "415 for a wrong content type, 400 for missing headers.",
    )
    .option("--access-key <key>", "the key the upstream verifies signatures with (default: the emulator's key)")
    .option("--hub <hub>", "a hub the upstream serves (default: chat)")
    .option("--method <name>", "a hub method the upstream has a function for (default: SendMessage)")
    .option("--reporter <names>", "console, json, junit, html, md (default: console,json,junit,html,md)", collect)
    .option("--out-dir <dir>", "where reports go (default: reports/upstream)")
    .action(async (url: string, flags: UpstreamTestFlags) => {
      const { executeUpstreamTest } = await import("./upstream-test-action.js");
      out.setExitCode(await executeUpstreamTest(url, flags, out));
    });
}
