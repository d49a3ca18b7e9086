// Expands the paths given to `hubkit verify` (files or folders) into the sorted list of pact files to verify.
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { HubkitError } from "../errors.js";

/** The folder `hubkit verify` reads when no path is given. */
export const DEFAULT_CONTRACTS_DIR = "contracts";

export function findPactFiles(paths: readonly string[], cwd = process.cwd()): string[] {
  const inputs = paths.length > 0 ? paths : [DEFAULT_CONTRACTS_DIR];
  const files = new Set<string>();
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const stats = statOrUndefined(absolute);
    if (!stats) {
      throw new HubkitError(`Pact path ${input} does not exist.`, {
        code: "E_PACT_PATH",
        hint: "Pass pact files or folders that contain them (default: contracts/).",
      });
    }
    if (stats.isDirectory()) for (const file of jsonFilesUnder(absolute)) files.add(file);
    else files.add(absolute);
  }
  if (files.size === 0) {
    throw new HubkitError(`No pact files (*.json) found in ${inputs.join(", ")}.`, {
      code: "E_PACT_NONE",
      hint: "Run your consumer's Pact tests first; they write the pact files.",
    });
  }
  return [...files].sort();
}

function jsonFilesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...jsonFilesUnder(path));
    else if (entry.name.endsWith(".json")) found.push(path);
  }
  return found;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
