// State files have a documented size limit (refused at once, with a clear message) and report progress when big.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HubkitError } from "../../src/errors.js";
import { MAX_STATE_FILE_BYTES } from "../../src/mock/fixtures/parse-fixture.js";
import { loadFixtureFile } from "../../src/mock/index.js";
import { loadServedSpec } from "../../src/spec/index.js";

const SPEC = loadServedSpec();

const dir = mkdtempSync(join(tmpdir(), "hubkit-state-"));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("state file limits", () => {
  it("a file over the limit is refused before it is parsed, naming the limit and what to do", () => {
    // A million connections would take minutes to parse: the size check answers at once.
    const lines = Array.from({ length: 400_000 }, (_, i) => `      - c${i}`).join("\n");
    const path = file("huge.yaml", `hubs:\n  chat:\n    connections:\n${lines}\n`);
    expect(Buffer.byteLength(lines)).toBeGreaterThan(MAX_STATE_FILE_BYTES);
    let error: unknown;
    try {
      loadFixtureFile(path, SPEC);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubkitError);
    expect(error).toMatchObject({ code: "E_FIXTURE_TOO_LARGE" });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(`${MAX_STATE_FILE_BYTES} bytes`);
    expect((error as HubkitError).hint).toContain("/_hubkit/fixtures");
  });

  it("a big file within the limit reports progress: a line before parsing and one with the time taken", () => {
    const padding = `# ${"x".repeat(2 * 1024 * 1024)}\n`;
    const path = file("big.yaml", `${padding}hubs:\n  chat:\n    connections: [a, b]\n`);
    const progress: string[] = [];
    const fixture = loadFixtureFile(path, SPEC, { progress: (line) => progress.push(line) });
    expect(fixture.hubs?.chat?.connections).toEqual(["a", "b"]);
    expect(progress).toHaveLength(2);
    expect(progress[0]).toMatch(/^reading state file .*big\.yaml \(2\.0 MiB\)/);
    expect(progress[1]).toMatch(/^state file .*big\.yaml loaded in \d+\.\d s$/);
  });

  it("a small file says nothing", () => {
    const progress: string[] = [];
    loadFixtureFile(file("small.yaml", "hubs:\n  chat: {}\n"), SPEC, { progress: (line) => progress.push(line) });
    expect(progress).toEqual([]);
  });
});
