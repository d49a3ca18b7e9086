// The Reporter seam: optional hooks called by the runner; conformance.json is the truth the others render.
import type { RunMetadata, RunResult, TestResult } from "./result.js";

export interface RunStartInfo {
  metadata: Pick<RunMetadata, "hubkitVersion" | "apiVersion" | "target" | "startedAt" | "runId">;
  /** How many tests will run (after tag and grep filters). */
  testCount: number;
}

export interface Reporter {
  /** Registry name, e.g. `console`, `json`, `junit`, `html`, `md`. */
  readonly name: string;
  onRunStart?(info: RunStartInfo): void | Promise<void>;
  onTestEnd?(test: TestResult): void | Promise<void>;
  /** Called once with the complete result; file reporters write their output here. */
  onRunEnd?(result: RunResult): void | Promise<void>;
}
