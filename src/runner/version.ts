// Compatibility re-export for branches written before src/results existed; import from ../results/index.js instead.
export { HUBKIT_VERSION } from "../results/version.js";
