// Runs `node bin/hubkit.js ...` from the repository root as a user would, and returns its exit code and output.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

export const ROOT = new URL("../../", import.meta.url).pathname;

export interface BinOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

const run = promisify(execFile);

export async function runHubkitBin(...args: string[]): Promise<BinOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, "bin/hubkit.js"), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
