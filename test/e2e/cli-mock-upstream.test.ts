// `hubkit mock --upstream ...` as a user runs it: bad settings or URLs exit 2 with a position, good ones are announced.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./run-in-process.js";

/** `hubkit ...` in process, for the commands that end by themselves (usage errors here). */
async function runHubkit(...args: string[]): Promise<{ code: number; stderr: string }> {
  const run = runInProcess(args);
  const code = await run.exited;
  return { code, stderr: run.stderr() };
}

describe("hubkit mock upstream flags", () => {
  it("a bad settings file exits with 2 and points at file:line:col", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "hubkit-up-")), "settings.json");
    writeFileSync(
      file,
      '{\n  "UpstreamSettings": {\n    "Templates": [{ "UrlTemplate": "runtime/webhooks", "HubPatern": "*" }]\n  }\n}\n',
    );
    const run = await runHubkit("mock", "--port", "0", "--upstream-settings", file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:3:36: UpstreamSettings.Templates[0].UrlTemplate: expected an absolute URL`);
    expect(run.stderr).toContain(`${file}:3:56: UpstreamSettings.Templates[0].HubPatern: unknown key`);
    expect(run.stderr).toContain("Did you mean `HubPattern`?");
  });

  it("a relative --upstream URL exits with 2", async () => {
    const url = await runHubkit("mock", "--port", "0", "--upstream", "/api/{event}");
    expect(url.code).toBe(2);
    expect(url.stderr).toContain("expected an absolute URL");
  });

  it("a bad --upstream-timeout exits with 2", async () => {
    const timeout = await runHubkit("mock", "--port", "0", "--upstream", "--upstream-timeout", "soon");
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain("expected a number of seconds");
  });
});
