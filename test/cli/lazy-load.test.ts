// `hubkit --help` and `hubkit token` load only commander and light modules: no mock, Prism, Pact, ajv, undici, yaml.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../e2e/run-bin.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "hubkit-lazy-"));
// A loader hook that prints every module URL as it loads (Node 20: module.register).
writeFileSync(
  join(dir, "hooks.mjs"),
  'export async function load(url, context, next) { if (url.startsWith("file:")) process.stderr.write("LOADED " + url + "\\n"); return next(url, context); }\n',
);
writeFileSync(
  join(dir, "trace.mjs"),
  `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`,
);

async function loadedBy(...args: string[]): Promise<string[]> {
  const { stderr } = await run(
    process.execPath,
    ["--import", join(dir, "trace.mjs"), join(ROOT, "bin/hubkit.js"), ...args],
    {
      cwd: ROOT,
    },
  );
  return stderr
    .split("\n")
    .filter((line) => line.startsWith("LOADED "))
    .map((line) => line.slice("LOADED ".length));
}

// spec/hub-name.js is a pure name rule the signer uses, spec/api-versions.js a constant; the spec loader (YAML, ajv) must not load.
const HEAVY =
  /\/dist\/(mock\/server|prism|contracts|runner|spec\/(?!hub-name|api-versions)|reporters\/registry|targets)|node_modules\/(@stoplight|@pact-foundation|ajv|undici|yaml|ws|@microsoft)\//;

describe("lazy command loading", () => {
  it("hubkit --help loads the command definitions only", async () => {
    const loaded = await loadedBy("--help");
    expect(loaded.some((url) => url.endsWith("/dist/cli/main.js"))).toBe(true);
    expect(loaded.filter((url) => HEAVY.test(url))).toEqual([]);
    expect(loaded.some((url) => url.includes("-action.js"))).toBe(false);
  });

  it("hubkit token loads the signer, not the mock", async () => {
    const loaded = await loadedBy("token", "/api/health");
    expect(loaded.some((url) => url.endsWith("/dist/cli/token-action.js"))).toBe(true);
    expect(loaded.filter((url) => HEAVY.test(url))).toEqual([]);
  });
});
