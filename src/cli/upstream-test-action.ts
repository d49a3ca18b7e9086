// What `hubkit upstream-test URL` does once parsed: runs spec/upstream-receiver.yaml against the URL, writes the
// reports, prints the gate; resolves with the exit code (2 for a usage error).
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { HubkitError } from "../errors.js";
import { DEFAULT_ACCESS_KEY } from "../mock/index.js";
import { urlTemplateProblem } from "../mock/upstream/index.js";
import { buildConformanceReport, createReporters } from "../reporters/index.js";
import { loadRunnableSuites, runSuites } from "../runner/index.js";
import { loadServedSpec } from "../spec/index.js";
import { createMockTargetFactory } from "../targets/index.js";
import { exitCodeOfGates, usageExitCodeOrThrow } from "./exit-code.js";
import type { CliIo } from "./io.js";
import type { UpstreamTestFlags } from "./upstream-test-flags.js";

const RECEIVER_SUITE = fileURLToPath(new URL("../../spec/upstream-receiver.yaml", import.meta.url));

export async function executeUpstreamTest(url: string, flags: UpstreamTestFlags, io: CliIo): Promise<number> {
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
    // The served union, as `run` uses: the receiver suite calls no REST operation, but the report names them all.
    const spec = loadServedSpec();
    const reporters = createReporters(flags.reporter ?? ["console", "json", "junit", "html", "md"], {
      spec,
      stdout: { write: (text: string) => io.stdout(text) },
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
    return exitCodeOfGates(buildConformanceReport(result, spec), { minPass: 100 }, io);
  } catch (error) {
    return usageExitCodeOrThrow(error, io.stderr);
  }
}
