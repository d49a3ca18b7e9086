// Suite files have a documented size limit with a clear message, and large ones report progress while loading.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRunnableSuites } from "../../src/runner/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { MAX_SUITE_BYTES } from "../../src/suite/index.js";

const dir = mkdtempSync(join(tmpdir(), "hubkit-suite-size-"));
const test = (i: number) => `  - name: t${i}\n    steps:\n      - request: GET /api/health\n`;

function suiteOfSize(bytes: number): string {
  let text = "name: big\ntests:\n";
  for (let i = 0; text.length < bytes; i++) text += test(i);
  return text;
}

describe("suite size", () => {
  it(`refuses a file over ${MAX_SUITE_BYTES} bytes before parsing it, saying the limit and what to do`, async () => {
    writeFileSync(join(dir, "huge.yaml"), `name: huge\n# ${"x".repeat(MAX_SUITE_BYTES)}\ntests: []\n`);
    const error = await loadRunnableSuites(["huge.yaml"], { spec: loadSpec(), env: {}, cwd: dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      problems: [
        expect.objectContaining({
          code: "E_SUITE_TOO_LARGE",
          message: "huge.yaml is 2.0 MB; a suite file may be at most 2.0 MB.",
          position: { file: "huge.yaml", line: 1, column: 1 },
          hint: expect.stringMatching(/Split it/),
        }),
      ],
    });
  });

  it("prints a progress line for a large file, and none for a small one", async () => {
    writeFileSync(join(dir, "large.yaml"), suiteOfSize(300 * 1024));
    writeFileSync(join(dir, "small.yaml"), suiteOfSize(100));
    const lines: string[] = [];
    const suites = await loadRunnableSuites(["large.yaml", "small.yaml"], {
      spec: loadSpec(),
      env: {},
      cwd: dir,
      onProgress: (line) => lines.push(line),
    });
    expect(suites.map((s) => s.tests.length > 1000)).toEqual([true, false]);
    // Once loading has taken a second every later file gets a line too; the large one always does.
    expect(lines[0]).toMatch(/^hubkit: loading suite 1 of 2: large\.yaml \(30\d KB\)\n$/);
    const quiet: string[] = [];
    await loadRunnableSuites(["small.yaml"], {
      spec: loadSpec(),
      env: {},
      cwd: dir,
      onProgress: (line) => quiet.push(line),
    });
    expect(quiet).toEqual([]);
  }, 60_000);
});
