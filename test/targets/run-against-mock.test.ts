// `hubkit run` against the embedded mock, end to end in process.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run.js";
import { captureIo } from "../support/capture-io.js";

const suites = fileURLToPath(new URL("./suites/", import.meta.url));

const io = () => captureIo(suites);

describe("hubkit run against the embedded mock", () => {
  it("passes the shared suite (every step kind) with fresh state per test, in parallel", async () => {
    const sink = io();
    const code = await runCommand(["shared.yaml", "--reporter", "console", "--concurrency", "2"], sink.io);
    expect(sink.err()).toBe("");
    expect(sink.out()).toContain("Tests: 7 passed, 0 failed, 0 errored, 0 skipped (7 total)");
    expect(code).toBe(0);
  });

  it("fails a deliberately wrong expectation, pointing at the file and line, with expected vs actual", async () => {
    const sink = io();
    const code = await runCommand(["wrong.yaml", "--reporter", "console"], sink.io);
    expect(code).toBe(1);
    expect(sink.out()).toContain(
      [
        "1) wrong on purpose › health is not 204",
        "   wrong.yaml:5:9  call HealthApi_GetServiceStatus",
        "     wrong.yaml:7:19  status is 204",
        "       expected: 204",
        "       actual:   200",
      ].join("\n"),
    );
  });
});
