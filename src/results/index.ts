// The results layer: the run/test/step result model, the Reporter hooks, createRunResult and hubkit's version.
// It sits below runner, reporters, contracts and prism, so they share one model without importing each other.
export { createRunResult, type RunResultOptions } from "./create-run-result.js";
export type { Reporter, RunStartInfo } from "./reporter.js";
export * from "./result.js";
export { HUBKIT_VERSION } from "./version.js";
