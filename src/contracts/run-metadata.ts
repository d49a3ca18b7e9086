// Compatibility re-export for branches written before src/results existed; import from ../results/index.js instead.
export { createRunResult, type RunResultOptions } from "../results/create-run-result.js";
