// `hubkit proxy` as a user runs it: Prism's validation proxy in front of the mock, stopped by a signal, the report
// written; in-process through commander, and through bin/hubkit.js.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restAudience, signAccessToken } from "../../src/auth/index.js";
import { registerProxyCommand } from "../../src/cli/proxy.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const KEY = "cli-proxy-test-key-0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "hubkit-cli-proxy-"));

let mock: MockServer;
beforeAll(async () => {
  mock = await createMockServer({ port: 0, accessKeys: [KEY] });
});
afterAll(async () => {
  await mock.close();
});

async function call(base: string, method: string, path: string, body?: unknown): Promise<number> {
  const pathAndQuery = `${path}?api-version=2022-06-01`;
  const token = await signAccessToken({ accessKey: KEY, audience: restAudience(base, pathAndQuery) });
  const response = await request(base + pathAndQuery, {
    method: method as "GET",
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  await response.body.dump();
  return response.statusCode;
}

/** Runs `hubkit proxy` in-process; `session` gets the proxy URL, and the proxy stops when it returns. */
async function proxyRun(args: string[], session: (url: string) => Promise<void>) {
  const out = { code: 0, stdout: "" };
  let stop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  let announce: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const program = new Command("hubkit").exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerProxyCommand(program, {
    stdout: (text) => {
      out.stdout += text;
      const found = /listening on (http:\/\/\S+),/.exec(text);
      if (found) announce(found[1]!);
    },
    setExitCode: (code) => {
      out.code = code;
    },
    stopRequested: () => stopped,
  });
  const parsed = program.parseAsync(["proxy", ...args], { from: "user" }).catch((error: unknown) => {
    if (error instanceof CommanderError) out.code = 2;
    else throw error;
  });
  const url = await Promise.race([listening, parsed.then(() => "")]);
  if (url) {
    try {
      await session(url);
    } finally {
      stop("SIGTERM");
    }
  }
  await parsed;
  return out;
}

describe("hubkit proxy (in-process)", () => {
  it("records each exchange, prints a line for it and writes the report when stopped", async () => {
    const outDir = join(dir, "ok");
    const statuses: number[] = [];
    const result = await proxyRun(["--upstream", mock.url, "--port", "0", "--out-dir", outDir], async (url) => {
      statuses.push(await call(url, "HEAD", "/api/hubs/chat/users/u1"));
      statuses.push(await call(url, "DELETE", "/api/hubs/chat/users/u1/groups/g1"));
      statuses.push(await call(url, "POST", "/api/hubs/9chat/:closeConnections"));
    });
    expect(statuses).toEqual([404, 204, 400]);
    expect(result.stdout).toContain("✓ #1 HEAD /api/hubs/chat/users/u1?api-version=2022-06-01 → 404\n");
    expect(result.stdout).toContain("✓ #3 POST /api/hubs/9chat/:closeConnections?api-version=2022-06-01 → 400\n");
    expect(result.stdout).toContain("SIGTERM received, stopping the proxy");
    expect(result.stdout).toContain("3 exchange(s): 3 passed, 0 failed, 0 errored");
    expect(result.code).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(["conformance.json", "junit.xml", "report.html", "summary.md"]);
    const report = JSON.parse(readFileSync(join(outDir, "conformance.json"), "utf8"));
    expect(
      report.tests.map((t: { steps: Array<{ http: { operationId: string } }> }) => t.steps[0]!.http.operationId),
    ).toEqual(["SignalR_CheckUserExistence", "SignalR_RemoveUserFromGroup", "SignalR_CloseConnections"]);
    expect(readFileSync(join(outDir, "conformance.json"), "utf8")).not.toContain(KEY);
  });

  it("exits 1 when the upstream broke the spec", async () => {
    // A wrong implementation: 200 with a body on a send, where the spec says 202.
    const upstream = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ isSuccess: "yes" }));
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const outDir = join(dir, "bad");
    try {
      const result = await proxyRun(
        ["--upstream", upstreamUrl, "--port", "0", "--out-dir", outDir, "--reporter", "json"],
        async (url) => {
          expect(await call(url, "POST", "/api/hubs/chat/:send", { target: "t" })).toBe(200);
        },
      );
      expect(result.stdout).toMatch(
        /✗ #1 POST \/api\/hubs\/chat\/:send\?api-version=2022-06-01 → 200: response violation .*status 200 is not one SignalR_Broadcast returns/,
      );
      expect(result.stdout).toContain("1 exchange(s): 0 passed, 1 failed, 0 errored");
      expect(result.code).toBe(1);
      expect(await readdir(outDir)).toEqual(["conformance.json"]);
    } finally {
      upstream.close();
    }
  });

  it("refuses a missing or malformed upstream (exit 2)", async () => {
    expect((await proxyRun([], async () => undefined)).code).toBe(2);
    expect((await proxyRun(["--upstream", "localhost:8888"], async () => undefined)).code).toBe(2);
    expect((await proxyRun(["--upstream", mock.url, "--port", "70000"], async () => undefined)).code).toBe(2);
  });
});

describe("through bin/hubkit.js", () => {
  it("stops on SIGTERM, writes the report and exits with its outcome", async () => {
    const outDir = join(dir, "bin");
    const child = spawn(
      process.execPath,
      [join(ROOT, "bin/hubkit.js"), "proxy", "--upstream", mock.url, "--port", "0", "--out-dir", outDir],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /listening on (http:\/\/\S+),/.exec(stdout);
        if (found) resolve(found[1]!);
      });
      child.once("exit", (code) => reject(new Error(`hubkit proxy exited with ${code}: ${stdout}`)));
    });
    expect(await call(url, "HEAD", "/api/hubs/chat/groups/g1")).toBe(404);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stdout).toContain("1 exchange(s): 1 passed");
    expect((await readdir(outDir)).sort()).toEqual(["conformance.json", "junit.xml", "report.html", "summary.md"]);
  });
});
