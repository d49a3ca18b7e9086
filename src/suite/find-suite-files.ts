// Expands the paths given to `hubkit run` (files and folders) into the suite files to load, in a stable order.
import { readdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { HubkitError } from "../errors.js";

const SUITE_FILE = /\.ya?ml$/i;

/** Folders are searched recursively for `.yaml`/`.yml` files; paths come back relative to `cwd` when inside it. */
export async function findSuiteFiles(paths: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      throw new HubkitError(`Suite path "${path}" does not exist.`, {
        code: "E_SUITE_PATH",
        hint: "Give suite files or folders that contain them, e.g. `hubkit run suites/`.",
      });
    }
    const files = info.isDirectory() ? await listYaml(absolute) : [absolute];
    if (files.length === 0) {
      throw new HubkitError(`Folder "${path}" contains no .yaml or .yml suite files.`, {
        code: "E_SUITE_PATH",
        hint: "Suite files end in .yaml or .yml.",
      });
    }
    for (const file of files) if (!found.includes(file)) found.push(file);
  }
  return found.map((file) => display(file, cwd));
}

async function listYaml(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listYaml(path)));
    else if (SUITE_FILE.test(entry.name)) files.push(path);
  }
  return files;
}

function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith(`..${sep}`) || rel === ".." ? file : rel;
}
