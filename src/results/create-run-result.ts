// Wraps the tests of a pact verification or a proxy session into a RunResult, the shape every reporter renders.
import { randomIds } from "../clock.js";
import { type RunResult, type RunTarget, summarize, type TestResult } from "./result.js";
import { HUBKIT_VERSION } from "./version.js";

export interface RunResultOptions {
  tests: readonly TestResult[];
  target: RunTarget;
  apiVersion: string;
  startedAt: Date;
  finishedAt: Date;
  /** How the run was started, secrets already redacted. */
  command?: string;
}

export function createRunResult(options: RunResultOptions): RunResult {
  const durationMs = options.finishedAt.getTime() - options.startedAt.getTime();
  return {
    metadata: {
      hubkitVersion: HUBKIT_VERSION,
      apiVersion: options.apiVersion,
      target: { ...options.target },
      startedAt: options.startedAt.toISOString(),
      finishedAt: options.finishedAt.toISOString(),
      runId: randomIds.next("run-"),
      ...(options.command === undefined ? {} : { command: options.command }),
    },
    tests: options.tests,
    summary: summarize(options.tests, durationMs),
  };
}
