// The upstream steps (invoke, send, expectUpstream) against the embedded mock: suites/upstream.yaml passes, and a
// wrong expectation fails with its position.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run.js";
import { captureIo } from "../support/capture-io.js";

const io = (cwd: string) => captureIo(cwd);

describe("upstream steps against the mock", () => {
  it("pass suites/upstream.yaml", async () => {
    const sink = io(fileURLToPath(new URL("../../suites/", import.meta.url)));
    const code = await runCommand(["upstream.yaml", "--reporter", "console"], sink.io);
    expect(sink.err()).toBe("");
    expect(sink.out()).toContain("Tests: 4 passed, 0 failed, 0 errored, 0 skipped (4 total)");
    expect(code).toBe(0);
  });

  it("fail a wrong result, a wrong header and an event that never came, each at its line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-upstream-steps-"));
    writeFileSync(
      join(dir, "wrong.yaml"),
      [
        "name: wrong upstream",
        "tests:",
        "  - name: wrong on purpose",
        "    steps:",
        "      - seed: { handlers: { chat: { Echo: { result: '{0}' } } } }",
        "      - connect: alice",
        "        hub: chat",
        "        user: alice",
        "      - invoke: alice",
        "        method: Echo",
        "        arguments: [1]",
        "        result: 2",
        "  - name: wrong header",
        "    steps:",
        "      - seed: { handlers: { chat: { Echo: { result: '{0}' } } } }",
        "      - connect: alice",
        "        hub: chat",
        "        user: alice",
        "      - expectUpstream: connected",
        "        headers: { X-ASRS-User-Id: bob }",
        "        timeout: 200ms",
        "  - name: never came",
        "    steps:",
        "      - expectUpstream: Nothing",
        "        timeout: 200ms",
      ].join("\n"),
    );
    const sink = io(dir);
    const code = await runCommand(["wrong.yaml", "--reporter", "console"], sink.io);
    expect(code).toBe(1);
    const out = sink.out();
    expect(out).toContain("wrong.yaml:12:17  Echo returns 2");
    expect(out).toContain('actual:   {"result":1}');
    expect(out).toContain("wrong.yaml:19:25  the upstream receives connected within 200 ms");
    expect(out).toContain("wrong.yaml:24:25  the upstream receives Nothing within 200 ms");
  });
});
