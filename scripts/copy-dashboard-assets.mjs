#!/usr/bin/env node
// Copies the dashboard's static files (src/mock/dashboard/assets/) next to the compiled module
// (dist/mock/dashboard/assets/), where src/mock/dashboard/assets.ts reads them: `tsc` copies no .html/.css/.js.
// Usage: node scripts/copy-dashboard-assets.mjs [outDir]   (default: dist). Run after `tsc` in the build.
import { cpSync, existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "src", "mock", "dashboard", "assets");
const outDir = resolve(root, process.argv[2] ?? "dist");
const to = join(outDir, "mock", "dashboard", "assets");

if (!existsSync(from)) {
  console.error(`copy-dashboard-assets: ${from} does not exist.`);
  process.exit(1);
}
cpSync(from, to, { recursive: true });
console.log(`copy-dashboard-assets: ${readdirSync(to).length} files to ${to}`);
