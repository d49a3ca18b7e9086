// `hubkit run` with credentials: a `hubkit mock` started as a separate process and reached only through a connection
// string is a running hubkit mock (seeded through its admin API); an endpoint without the admin API is a live service.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run.js";
import { createMockServer } from "../../src/mock/index.js";
import { createLiveTargetFactory } from "../../src/targets/index.js";
import { captureIo } from "../support/capture-io.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const suites = fileURLToPath(new URL("./suites/", import.meta.url));
const KEY = "live-test-key-0123456789abcdef0123456789";

let mock: ChildProcess | undefined;
let connectionString = "";
let port = 0;

beforeAll(async () => {
  mock = spawn(process.execPath, ["bin/hubkit.js", "mock", "--port", "0", "--quiet", "--access-key", KEY], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  connectionString = await new Promise<string>((resolve, reject) => {
    let out = "";
    // No timer of its own: the hook timeout (scaled to the machine's load) bounds the wait; an exit ends it at once.
    mock!.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /connection string: (\S+)/.exec(out);
      if (match) {
        // The banner hides a user's own key (AccessKey=***); this test knows it.
        resolve(match[1]!.replace("AccessKey=***", `AccessKey=${KEY}`));
      }
    });
    mock!.once("exit", (code) => reject(new Error(`hubkit mock exited with ${code}: ${out}`)));
  });
  port = Number(/Port=(\d+)/.exec(connectionString)?.[1]);
});

afterAll(async () => {
  if (!mock || mock.exitCode !== null) return;
  const exited = new Promise((resolve) => mock!.once("exit", resolve));
  mock.kill("SIGTERM");
  await exited;
});

const io = (env: Record<string, string> = {}) => captureIo(suites, env);

describe("a running hubkit mock (a separate process) reached through a connection string", () => {
  it("runs the shared suite, seeding through the mock's admin API; the report names the running mock", async () => {
    const sink = io();
    const outDir = mkdtempSync(join(tmpdir(), "hubkit-running-mock-"));
    const code = await runCommand(
      [
        "shared.yaml",
        "--reporter",
        "console",
        "--reporter",
        "json",
        "--out-dir",
        outDir,
        "--connection-string",
        connectionString,
      ],
      sink.io,
    );
    expect(sink.err()).toBe("");
    expect(sink.out()).toContain("against the running hubkit mock http://localhost:");
    expect(sink.out()).toContain("Tests: 7 passed, 0 failed, 0 errored, 0 skipped (7 total)");
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(outDir, "conformance.json"), "utf8"));
    expect(report.metadata.target).toEqual({
      kind: "mock",
      description: "running hubkit mock",
      endpoint: `http://localhost:${port}`,
    });
    const seeded = report.tests.find((t: { id: string }) => t.id === "shared › seeded state is visible over REST");
    expect(seeded?.outcome).toBe("passed");
  });

  it("reads HUBKIT_CONNECTION_STRING, and takes --endpoint with --access-key", async () => {
    const fromEnv = io({ HUBKIT_CONNECTION_STRING: connectionString });
    expect(await runCommand(["shared.yaml", "--reporter", "console", "--grep", "user receives"], fromEnv.io)).toBe(0);
    expect(fromEnv.out()).toContain("running hubkit mock");
    const flags = io();
    const code = await runCommand(
      [
        "shared.yaml",
        "--reporter",
        "console",
        "--grep",
        "group broadcast",
        "--endpoint",
        `http://127.0.0.1:${port}`,
        "--access-key",
        KEY,
      ],
      flags.io,
    );
    expect(flags.out()).toContain("1 passed");
    expect(code).toBe(0);
  });

  it("fails every signed call when the key is wrong", async () => {
    const sink = io();
    const wrong = connectionString.replace(KEY, "some-other-key");
    const code = await runCommand(
      ["shared.yaml", "--reporter", "console", "--grep", "user receives", "--connection-string", wrong],
      sink.io,
    );
    expect(code).toBe(1);
    expect(sink.out()).toContain("1 errored");
    expect(sink.out()).not.toContain("some-other-key");
  });

  it("treats an endpoint that does not answer the admin API as a live service: seeding is skipped with its reason", async () => {
    // The same mock, its admin API off: what a real service looks like to the probe (GET /_hubkit/state is a 404).
    const service = await createMockServer({ port: 0, accessKeys: [KEY], adminApi: false });
    try {
      const sink = io();
      const code = await runCommand(
        [
          "shared.yaml",
          "--reporter",
          "console",
          "--connection-string",
          `Endpoint=${service.url};AccessKey=${KEY};Version=1.0;`,
        ],
        sink.io,
      );
      expect(sink.err()).toBe("");
      expect(sink.out()).toContain(`against the live target ${service.url}`);
      expect(sink.out()).toContain(
        "- shared › seeded state is visible over REST skipped: state fixtures can only be applied to the mock target (this run targets a live service)",
      );
      expect(sink.out()).toContain("Tests: 6 passed, 0 failed, 0 errored, 1 skipped (7 total)");
      expect(code).toBe(0);
    } finally {
      await service.close();
    }
  });

  it("parses the connection string once, with Port applied", () => {
    const factory = createLiveTargetFactory({ connectionString });
    expect(factory.info).toMatchObject({ endpoint: `http://localhost:${port}`, port, accessKey: KEY });
  });
});
