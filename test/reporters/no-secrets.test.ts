// No report file carries an access key or a token.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createReporters } from "../../src/reporters/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { failingRun, SAMPLE_ACCESS_KEY, SAMPLE_TOKEN } from "../fixtures/runs/sample-runs.js";
import { GOLDEN_DIR } from "./golden.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const FORBIDDEN = [
  SAMPLE_ACCESS_KEY,
  encodeURIComponent(SAMPLE_ACCESS_KEY),
  SAMPLE_TOKEN,
  // The token's parts on their own (a renderer could split on dots).
  ...SAMPLE_TOKEN.split("."),
];

function expectClean(name: string, text: string): void {
  for (const secret of FORBIDDEN) expect(text.includes(secret), `${name} contains a secret`).toBe(false);
  expect(text, `${name} contains something JWT-shaped`).not.toMatch(/eyJ[A-Za-z0-9_-]{4,}/);
}

describe("no report file carries the access key or a token", () => {
  it("writes all four files from a run that leaked the key and tokens, and none contains them", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "hubkit-secrets-"));
    dirs.push(outDir);
    const leaky = failingRun();
    // The bare key too, not only inside AccessKey=...: only the known-secret list can find that one.
    const step = leaky.tests.find((t) => t.outcome === "errored")!.steps[0]!;
    if (step.outcome === "errored") step.error.message += ` key ${SAMPLE_ACCESS_KEY}`;
    for (const reporter of createReporters(["json", "junit", "html", "md"], {
      spec: loadSpec(),
      outDir,
      secrets: [SAMPLE_ACCESS_KEY],
    })) {
      await reporter.onRunEnd?.(leaky);
    }
    const files = (await readdir(outDir)).sort();
    expect(files).toEqual(["conformance.json", "junit.xml", "report.html", "summary.md"]);
    for (const file of files) expectClean(file, await readFile(join(outDir, file), "utf8"));
  });

  it("the golden files are clean too", async () => {
    for (const file of await readdir(GOLDEN_DIR)) expectClean(file, await readFile(join(GOLDEN_DIR, file), "utf8"));
  });

  it("catches the key with the patterns alone when the runner passed no secrets (AccessKey=, tokens)", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "hubkit-secrets-"));
    dirs.push(outDir);
    for (const reporter of createReporters(["json", "html"], { spec: loadSpec(), outDir }))
      await reporter.onRunEnd?.(failingRun());
    for (const file of await readdir(outDir)) expectClean(file, await readFile(join(outDir, file), "utf8"));
  });
});
