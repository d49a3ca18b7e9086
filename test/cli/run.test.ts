// `hubkit run` in process: exit codes, reports and gates, target choice.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { registerRunCommand, runCommand } from "../../src/cli/run.js";
import { chooseTarget } from "../../src/cli/run-action.js";
import { captureIo } from "../support/capture-io.js";

const dir = mkdtempSync(join(tmpdir(), "hubkit-cli-run-"));
writeFileSync(
  join(dir, "ok.yaml"),
  "name: ok\ntests:\n  - name: health\n    tags: [health]\n    steps:\n      - call: HealthApi_GetServiceStatus\n        expect: { status: 200 }\n",
);
writeFileSync(join(dir, "bad.yaml"), "name: bad\ntests:\n  - name: t\n    steps:\n      - call: SignalR_Brodcast\n");

const io = (env: Record<string, string> = {}) => captureIo(dir, env);

describe("hubkit run: exit codes", () => {
  it("0 when every test passes (the mock is the default target)", async () => {
    const sink = io();
    expect(await runCommand(["ok.yaml"], sink.io)).toBe(0);
    expect(sink.out()).toMatch(/against the mock target http:\/\/127\.0\.0\.1:\d+/);
  });

  it("2 for a bad suite, with every problem at file:line:col", async () => {
    const sink = io();
    expect(await runCommand(["bad.yaml"], sink.io)).toBe(2);
    expect(sink.err()).toBe(
      'hubkit: 1 problem(s) in the suites:\nbad.yaml:5:15: Unknown operationId "SignalR_Brodcast". [E_SUITE_OPERATION]\n    hint: Did you mean SignalR_Broadcast?\n',
    );
  });

  it.each([
    [["ok.yaml", "--concurrency", "0"], /--concurrency.*expected a whole number from 1 to 64/],
    [["ok.yaml", "--timeout", "soon"], /--timeout.*expected a duration/],
    [["ok.yaml", "--target", "staging"], /--target.*expected mock or live/],
    [["ok.yaml", "--unknown-flag"], /unknown option '--unknown-flag'/],
  ])("2 for bad flags: %j", async (args, message) => {
    const sink = io();
    expect(await runCommand(args, sink.io)).toBe(2);
    expect(sink.err()).toMatch(message);
  });

  it.each([
    [["missing.yaml"], "E_SUITE_PATH"],
    [["ok.yaml", "--grep", "nothing matches this"], "E_NO_TESTS"],
    [["ok.yaml", "--target", "live"], "E_USAGE"],
    [["ok.yaml", "--endpoint", "http://x"], "E_USAGE"],
    [["ok.yaml", "--target", "mock", "--connection-string", "Endpoint=http://x;AccessKey=k;Version=1.0;"], "E_USAGE"],
    [["ok.yaml", "--connection-string", "Endpoint=ftp://x;AccessKey=secret-key;Version=1.0;"], "E_CONNECTION_STRING"],
  ])("2 for usage errors: %j", async (args, code) => {
    const sink = io();
    expect(await runCommand(args, sink.io)).toBe(2);
    expect(sink.err()).toContain(`[${code}]`);
    expect(sink.err()).not.toContain("secret-key");
  });

  it("0 for --help, which lists the flags", async () => {
    const sink = io();
    expect(await runCommand(["--help"], sink.io)).toBe(0);
    expect(sink.out()).toContain("--connection-string <text>");
    expect(sink.out()).toContain("Exit codes: 0 all passed, 1 failures or errors (below --min-pass), 2 usage error");
    expect(sink.out()).toContain("--min-coverage <percent>");
  });
});

describe("hubkit run: reports and gates", () => {
  it("writes the four report files to --out-dir, relative to the working directory", async () => {
    const sink = io();
    expect(await runCommand(["ok.yaml", "--out-dir", "out/r1"], sink.io)).toBe(0);
    for (const file of ["conformance.json", "junit.xml", "report.html", "summary.md"]) {
      expect(existsSync(join(dir, "out/r1", file)), file).toBe(true);
    }
    const report = JSON.parse(readFileSync(join(dir, "out/r1/conformance.json"), "utf8"));
    expect(report.summary).toMatchObject({ total: 1, passed: 1 });
    expect(sink.out()).toContain("pass gate: 100% passed (1 of 1 that ran)");
  });

  it("writes only the reporters asked for", async () => {
    const sink = io();
    expect(await runCommand(["ok.yaml", "--out-dir", "out/r2", "--reporter", "json"], sink.io)).toBe(0);
    expect(existsSync(join(dir, "out/r2/conformance.json"))).toBe(true);
    expect(existsSync(join(dir, "out/r2/report.html"))).toBe(false);
  });

  it("exits 3 when the coverage gate fails, and says so", async () => {
    const sink = io();
    expect(await runCommand(["ok.yaml", "--reporter", "console", "--min-coverage", "90"], sink.io)).toBe(3);
    expect(sink.out()).toMatch(/✗ coverage gate: .* is below --min-coverage 90%/);
  });

  it.each([
    [["ok.yaml", "--min-pass", "abc"], "E_GATE"],
    [["ok.yaml", "--min-coverage", "120"], "E_GATE"],
    [["ok.yaml", "--reporter", "pdf"], "E_REPORTER"],
  ])("2 for bad report flags: %j", async (args, code) => {
    const sink = io();
    expect(await runCommand(args, sink.io)).toBe(2);
    expect(sink.err()).toContain(`[${code}]`);
  });
});

describe("choosing the target", () => {
  it("uses the mock unless credentials are given; --target mock ignores the environment variable", () => {
    const cs = "Endpoint=https://x.service.signalr.net;AccessKey=k;Version=1.0;";
    expect(chooseTarget({}, {}).kind).toBe("mock");
    expect(chooseTarget({}, { HUBKIT_CONNECTION_STRING: cs }).kind).toBe("live");
    expect(chooseTarget({ target: "mock" }, { HUBKIT_CONNECTION_STRING: cs }).kind).toBe("mock");
    expect(chooseTarget({ connectionString: cs }, {}).kind).toBe("live");
    expect(chooseTarget({ endpoint: "https://x.service.signalr.net", accessKey: "k" }, {}).kind).toBe("live");
  });
});

describe("registerRunCommand", () => {
  const saved = process.exitCode;
  afterEach(() => {
    process.exitCode = saved;
  });

  it("adds `run` to a program and sets process.exitCode from the run", async () => {
    const sink = io();
    const program = new Command("hubkit").exitOverride();
    registerRunCommand(program, sink.io);
    await program.parseAsync(["run", "ok.yaml", "--tag", "health", "--skip-tag", "slow"], { from: "user" });
    expect(process.exitCode).toBe(0);
    expect(sink.out()).toContain("1 passed");
  });
});
