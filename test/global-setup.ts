// Vitest globalSetup: builds dist/ once before the tests when src/ changed, because e2e tests spawn bin/hubkit.js,
// which runs the compiled CLI; a stale dist/ would test yesterday's code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;
const STAMP = join(ROOT, "dist/.tsbuildinfo");

export default function setup(): void {
  if (!isStale()) return;
  // --noCheck: emit (JavaScript and declarations) without type-checking, about half the CPU of a full build; the
  // type check is `npm run typecheck`'s job, and tsc marks the build info "check pending", so the next plain
  // `npm run build` still checks everything.
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--noCheck"], { cwd: ROOT, stdio: "inherit" });
  // tsc copies no .html/.css/.js: the dashboard's static files go next to its compiled module.
  execFileSync(process.execPath, [join(ROOT, "scripts/copy-dashboard-assets.mjs")], { cwd: ROOT, stdio: "ignore" });
  // tsc leaves its build info untouched when no output changed; touch it so the next check is a cheap stat.
  const now = new Date();
  utimesSync(STAMP, now, now);
}

/** True when dist/ is missing or any source or build setting is newer than the last build. */
function isStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  const inputs = [join(ROOT, "tsconfig.json"), join(ROOT, "tsconfig.build.json"), join(ROOT, "package.json")];
  return inputs.some((file) => statSync(file).mtimeMs > built) || newestIn(join(ROOT, "src")) > built;
}

function newestIn(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}
