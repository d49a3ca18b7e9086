// Which suites `hubkit run` loads: the paths given, else the project's ./suites, else the suites bundled with
// hubkit (so an installed package is a CI gate out of the box); `--builtin` adds the bundled ones to the project's.
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SuiteSource } from "../results/result.js";
import { HUBKIT_VERSION } from "../results/version.js";

/** dist/runner and src/runner sit at the same depth under the package root, next to suites/. */
export const BUILTIN_SUITES_DIR = fileURLToPath(new URL("../../suites", import.meta.url));

const DEFAULT_PATH = "suites";

export interface SuitePlan {
  /** Paths for the loader (relative ones resolve against cwd). */
  paths: string[];
  sources: SuiteSource[];
  /** Printed before the run when the bundled suites are used, so nobody mistakes them for their own. */
  notice?: string;
}

export function planSuiteSources(given: readonly string[], options: { builtin?: boolean; cwd: string }): SuitePlan {
  const project = given.length > 0 ? [...given] : existsSync(resolve(options.cwd, DEFAULT_PATH)) ? [DEFAULT_PATH] : [];
  const sources: SuiteSource[] = project.map((path) => ({ source: "project", path }));
  // In hubkit's own clone ./suites is the bundled folder: do not load it twice.
  const bundledAlready = project.some((path) => samePath(resolve(options.cwd, path), BUILTIN_SUITES_DIR));
  const useBuiltin = (options.builtin === true || project.length === 0) && !bundledAlready;
  if (!useBuiltin) return { paths: project, sources };
  const notice =
    project.length === 0
      ? `No suites/ folder in ${options.cwd}: running hubkit's bundled conformance suites (signalr-hubkit ${HUBKIT_VERSION}, ${BUILTIN_SUITES_DIR})`
      : `Also running hubkit's bundled conformance suites (--builtin; signalr-hubkit ${HUBKIT_VERSION}, ${BUILTIN_SUITES_DIR})`;
  return {
    paths: [...project, BUILTIN_SUITES_DIR],
    sources: [...sources, { source: "builtin", path: BUILTIN_SUITES_DIR }],
    notice,
  };
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
