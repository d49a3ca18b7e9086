// Compatibility re-export for branches written before src/results existed; import from ../results/index.js instead.
export * from "../results/result.js";
