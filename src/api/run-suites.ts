// `runSuites()`: `hubkit run` as a function: suites in, the run result out (and report files if asked).
import { resolve } from "node:path";
import { parseConnectionString } from "../auth/index.js";
import { createReporters } from "../reporters/index.js";
import type { RunResult } from "../results/result.js";
import { loadRunnableSuites, runSuites as runLoadedSuites } from "../runner/index.js";
import { planSuiteSources } from "../runner/suite-sources.js";
import { loadServedSpec } from "../spec/index.js";
import { suiteSecretValues } from "../suite/index.js";
import { createLiveTargetFactory, createMockTargetFactory } from "../targets/index.js";

export interface RunSuitesOptions {
  /** Suite files or folders (relative to `cwd`). Default: ./suites, or hubkit's bundled suites when there is none. */
  paths?: readonly string[];
  /** Also run hubkit's bundled conformance suites. */
  builtin?: boolean;
  /** `"mock"` (default: a fresh in-process mock per test) or a live resource. */
  target?: "mock" | { connectionString: string };
  /** Reporter names: console, json, junit, html, md. Default: none (the result is returned). */
  reporters?: readonly string[];
  /** Folder for report files, relative to `cwd` (default `reports`). */
  outDir?: string;
  grep?: string;
  tags?: readonly string[];
  skipTags?: readonly string[];
  concurrency?: number;
  /** Per-test time limit in ms (default 30000). */
  timeoutMs?: number;
  /** Default process.cwd(). */
  cwd?: string;
  /** For `${env.X}` in suites; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Check against this API version's spec only (default: every version hubkit ships, as one). */
  apiVersion?: string;
}

/** Runs the suites; rejects with a `HubkitError` for a bad suite or option (every problem at once). */
export async function runSuites(options: RunSuitesOptions = {}): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const spec = loadServedSpec(options.apiVersion);
  const live = typeof options.target === "object" ? options.target.connectionString : undefined;
  // The mock serves the spec the run checks against (one SpecIndex from this entry point).
  const targets = live
    ? createLiveTargetFactory({ connectionString: live })
    : createMockTargetFactory({ server: { spec } });
  const plan = planSuiteSources(options.paths ?? [], { builtin: options.builtin === true, cwd });
  const suites = await loadRunnableSuites(plan.paths, { spec, env, cwd });
  // After loading: the suites' `secrets:` name environment values the reports must redact too.
  const reporters = options.reporters?.length
    ? createReporters(options.reporters, {
        spec,
        outDir: resolve(cwd, options.outDir ?? "reports"),
        secrets: [...(live ? [parseConnectionString(live).accessKey] : []), ...suiteSecretValues(suites, env)],
      })
    : [];
  return runLoadedSuites({
    suites,
    targets,
    spec,
    reporters,
    env,
    command: "runSuites()",
    suiteSources: plan.sources,
    ...(options.grep !== undefined ? { grep: options.grep } : {}),
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.skipTags ? { skipTags: options.skipTags } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
}
