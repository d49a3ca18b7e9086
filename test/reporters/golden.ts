// Golden-file helpers: scrub volatile fields (times, ids, durations), compare, and refresh with UPDATE_GOLDEN=1.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { RunResult } from "../../src/results/result.js";

export const GOLDEN_DIR = fileURLToPath(new URL("./golden/", import.meta.url));

/** The same run with everything that differs between two runs of the same suites replaced by fixed values. */
export function scrubVolatile(result: RunResult): RunResult {
  const scrubbed = JSON.parse(JSON.stringify(result), (key, value) => {
    if (key === "durationMs") return 0;
    if (key === "startedAt" || key === "finishedAt") return "2000-01-01T00:00:00.000Z";
    if (key === "runId") return "RUN_ID";
    return value;
  }) as RunResult;
  return scrubbed;
}

/** Compares text with test/reporters/golden/<name>; with UPDATE_GOLDEN=1 it rewrites the file instead. */
export function expectGolden(name: string, text: string): void {
  // The `.golden` suffix keeps formatters and linters away from the expected bytes.
  const path = `${GOLDEN_DIR}${name}.golden`;
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing; run UPDATE_GOLDEN=1 npx vitest run test/reporters to create it`);
  }
  expect(text, `differs from ${path}; if the change is intended, refresh with UPDATE_GOLDEN=1`).toBe(
    readFileSync(path, "utf8"),
  );
}
