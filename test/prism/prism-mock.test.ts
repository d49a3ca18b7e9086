// Prism started from node_modules as one child process: the stateless spec mock, readiness, stop, start failures.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { type PrismMock, startPrism, startPrismMock } from "../../src/prism/index.js";

const BEARER = { authorization: "Bearer any-token-prism-only-checks-the-scheme" };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startPrismMock", () => {
  let mock: PrismMock | undefined;
  afterEach(async () => {
    await mock?.stop();
    mock = undefined;
  });

  it("answers from the spec: documented statuses, examples, literal :send paths", async () => {
    mock = await startPrismMock();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await request(`${mock.url}/api/health?api-version=2022-06-01`, { method: "HEAD" });
    await health.body.dump();
    expect(health.statusCode).toBe(200);

    const send = await request(`${mock.url}/api/hubs/chat/:send?api-version=2022-06-01`, {
      method: "POST",
      headers: { ...BEARER, "content-type": "application/json" },
      body: JSON.stringify({ target: "newMessage", arguments: ["hi"] }),
    });
    await send.body.dump();
    expect(send.statusCode).toBe(202);

    const invalid = await request(`${mock.url}/api/hubs/9chat/:send?api-version=2022-06-01`, {
      method: "POST",
      headers: { ...BEARER, "content-type": "application/json" },
      body: JSON.stringify({ target: "newMessage" }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(await invalid.body.json()).toMatchObject({ code: "Error.Request.Invalid", target: "hub" });
    expect(String(invalid.headers["sl-violations"])).toContain("pattern");

    const anonymous = await request(`${mock.url}/api/hubs/chat/users/u1?api-version=2022-06-01`, { method: "HEAD" });
    await anonymous.body.dump();
    expect(anonymous.statusCode).toBe(401);
  });
});

describe("startPrism", () => {
  it("stops the one process it started", async () => {
    const prism = await startPrism({ mode: "mock" });
    expect(isRunning(prism.pid)).toBe(true);
    await prism.stop();
    expect(isRunning(prism.pid)).toBe(false);
    await prism.stop();
  });

  it("fails with the reason when the document does not load", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-prism-"));
    const spec = join(dir, "broken.yaml");
    writeFileSync(spec, "openapi: 3.1.0\npaths: [not, a, map\n");
    await expect(startPrism({ mode: "mock", specPath: spec })).rejects.toMatchObject({
      code: "E_PRISM_START",
      message: expect.stringContaining(`Error parsing ${spec}`),
    });
  });

  it("fails on a port that is already taken, and needs an upstream in proxy mode", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startPrism({ mode: "mock", port })).rejects.toMatchObject({
        code: "E_PORT_IN_USE",
        message: `Prism could not listen on port ${port}: it is already in use.`,
      });
    } finally {
      blocker.close();
    }
    await expect(startPrism({ mode: "proxy" })).rejects.toMatchObject({ code: "E_PRISM_UPSTREAM" });
  });
});

const ROOT = new URL("../../", import.meta.url).pathname;

describe("hubkit mock --engine prism", () => {
  it("serves the spec through Prism and stops it with hubkit", async () => {
    const child = spawn(process.execPath, [join(ROOT, "bin/hubkit.js"), "mock", "--engine", "prism", "--port", "0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let stdout = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const found = /listening on (http:\/\/[^\s,]+)/.exec(stdout);
        if (found) resolve(found[1]!);
      });
      child.once("exit", (code) => reject(new Error(`hubkit mock --engine prism exited with ${code}: ${stdout}`)));
    });
    const response = await request(`${url}/api/hubs/chat/users/u1/groups/g1?api-version=2022-06-01`, {
      method: "PUT",
      headers: BEARER,
    });
    await response.body.dump();
    expect(response.statusCode).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    // Prism went with it: nothing answers on its port any more.
    await expect(request(`${url}/api/health?api-version=2022-06-01`, { method: "HEAD" })).rejects.toThrow();
  });
});
