// Compatibility re-export for branches written before src/results existed; import from ../results/index.js instead.
export type { Reporter, RunStartInfo } from "../results/reporter.js";
