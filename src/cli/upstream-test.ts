// `hubkit upstream-test URL`: plays the service against a running upstream (a Functions app's SignalR trigger or any
// receiver) and checks what a correct receiver answers, as a conformance run with the usual reports.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { HubkitError } from "../errors.js";
import { DEFAULT_ACCESS_KEY } from "../mock/index.js";
import { urlTemplateProblem } from "../mock/upstream/index.js";
import { buildConformanceReport, createReporters, evaluateGates } from "../reporters/index.js";
import { loadRunnableSuites, runSuites } from "../runner/index.js";
import { loadSpec } from "../spec/index.js";
import { createMockTargetFactory } from "../targets/index.js";
import { usageExitCode } from "./exit-code.js";
import { collect } from "./options.js";

export const RECEIVER_SUITE = fileURLToPath(new URL("../../spec/upstream-receiver.yaml", import.meta.url));

interface UpstreamTestFlags {
  accessKey?: string;
  hub?: string;
  method?: string;
  reporter?: string[];
  outDir?: string;
}

export interface UpstreamTestIo {
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
  cwd: string;
}

export function registerUpstreamTestCommand(program: Command, io?: UpstreamTestIo): Command {
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
      process.exitCode = await executeUpstreamTest(url, flags, io ?? defaultIo());
    });
}

export async function executeUpstreamTest(url: string, flags: UpstreamTestFlags, io: UpstreamTestIo): Promise<number> {
  try {
    const problem = urlTemplateProblem(url);
    if (problem) throw new HubkitError(`upstream-test: ${problem}.`, { code: "E_USAGE" });
    const key = flags.accessKey ?? DEFAULT_ACCESS_KEY;
    const env = {
      HUBKIT_UPSTREAM_URL: url,
      HUBKIT_UPSTREAM_KEY: key,
      ...(flags.hub ? { HUBKIT_UPSTREAM_HUB: flags.hub } : {}),
      ...(flags.method ? { HUBKIT_UPSTREAM_METHOD: flags.method } : {}),
    };
    const spec = loadSpec();
    const reporters = createReporters(flags.reporter ?? ["console", "json", "junit", "html", "md"], {
      spec,
      stdout: io.stdout,
      secrets: key === DEFAULT_ACCESS_KEY ? [] : [key],
      outDir: resolve(io.cwd, flags.outDir ?? "reports/upstream"),
    });
    const suites = await loadRunnableSuites([RECEIVER_SUITE], { spec, env, cwd: io.cwd });
    const result = await runSuites({
      suites,
      // The runner needs a target; the calls go to the upstream URL, so the in-process mock is only a placeholder.
      targets: createMockTargetFactory(),
      spec,
      reporters,
      env,
      command: `hubkit upstream-test ${url}`,
    });
    const gate = evaluateGates(buildConformanceReport(result, spec), { minPass: 100 });
    io.stdout.write(`${gate.messages.join("\n")}\n`);
    return gate.exitCode;
  } catch (error) {
    const usage = usageExitCode(error, (text) => io.stderr.write(text));
    if (usage === undefined) throw error;
    return usage;
  }
}

function defaultIo(): UpstreamTestIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}
