// What loading suites needs from its caller: the step kinds, the SpecIndex, the environment and a progress sink.
import type { SpecIndex } from "../spec/index.js";
import type { StepDefinition } from "./step-definition.js";

export interface LoadOptions {
  /** The step kinds a suite may use (the runner's registry). */
  steps: readonly StepDefinition[];
  spec: SpecIndex;
  /** For `${env.NAME}` checks; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** Where progress lines go when loading is slow (the CLI passes stderr); default: nowhere. */
  onProgress?: (line: string) => void;
}
