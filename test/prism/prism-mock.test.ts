// Prism started from node_modules as one child process: the stateless spec mock, readiness, stop, start failures.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrismProcess, startPrism } from "../../src/prism/index.js";
import { runInProcess } from "../e2e/run-in-process.js";

const BEARER = { authorization: "Bearer any-token-prism-only-checks-the-scheme" };

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// One Prism for the file: starting it costs seconds of CPU, so the tests share it and the last one stops it.
let prism: PrismProcess;
beforeAll(async () => {
  prism = await startPrism({ mode: "mock" });
});
afterAll(async () => {
  await prism.stop();
});

describe("startPrism (mock mode)", () => {
  it("answers from the spec: documented statuses, examples, literal :send paths", async () => {
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await request(`${prism.url}/api/health?api-version=2022-06-01`, { method: "HEAD" });
    await health.body.dump();
    expect(health.statusCode).toBe(200);

    const send = await request(`${prism.url}/api/hubs/chat/:send?api-version=2022-06-01`, {
      method: "POST",
      headers: { ...BEARER, "content-type": "application/json" },
      body: JSON.stringify({ target: "newMessage", arguments: ["hi"] }),
    });
    await send.body.dump();
    expect(send.statusCode).toBe(202);

    const invalid = await request(`${prism.url}/api/hubs/9chat/:send?api-version=2022-06-01`, {
      method: "POST",
      headers: { ...BEARER, "content-type": "application/json" },
      body: JSON.stringify({ target: "newMessage" }),
    });
    expect(invalid.statusCode).toBe(400);
    expect(await invalid.body.json()).toMatchObject({ code: "Error.Request.Invalid", target: "hub" });
    expect(String(invalid.headers["sl-violations"])).toContain("pattern");

    const anonymous = await request(`${prism.url}/api/hubs/chat/users/u1?api-version=2022-06-01`, { method: "HEAD" });
    await anonymous.body.dump();
    expect(anonymous.statusCode).toBe(401);
  });

  it("fails with the reason when the document does not load", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-prism-"));
    const spec = join(dir, "broken.yaml");
    writeFileSync(spec, "openapi: 3.1.0\npaths: [not, a, map\n");
    await expect(startPrism({ mode: "mock", specPath: spec })).rejects.toMatchObject({
      code: "E_PRISM_START",
      message: expect.stringContaining(`Error parsing ${spec}`),
    });
    await expect(
      startPrism({ mode: "proxy", upstream: prism.url, specPath: join(dir, "none.yaml") }),
    ).rejects.toMatchObject({
      code: "E_PRISM_START",
      message: expect.stringContaining(`Cannot read ${join(dir, "none.yaml")}`),
    });
  });

  it("fails on a port that is already taken, and needs an upstream in proxy mode", async () => {
    // The running Prism holds its port: a second one asked for the same port is refused before it starts.
    await expect(startPrism({ mode: "mock", port: prism.port })).rejects.toMatchObject({
      code: "E_PORT_IN_USE",
      message: `Prism could not listen on port ${prism.port}: it is already in use.`,
    });
    await expect(startPrism({ mode: "proxy" })).rejects.toMatchObject({ code: "E_PRISM_UPSTREAM" });
  });

  it("stops the one process it started (runs last: it stops the shared Prism)", async () => {
    expect(isRunning(prism.pid)).toBe(true);
    await prism.stop();
    expect(isRunning(prism.pid)).toBe(false);
    await prism.stop();
    await expect(request(`${prism.url}/api/health?api-version=2022-06-01`, { method: "HEAD" })).rejects.toThrow();
  });
});

describe("hubkit mock --engine prism", () => {
  // In process (runCli): the command's Prism is a child either way; e2e/cli-mock.test.ts spawns bin/hubkit.js.
  it("serves the spec through Prism and stops it with hubkit", async () => {
    const run = runInProcess(["mock", "--engine", "prism", "--port", "0"]);
    const url = (await run.waitFor(/listening on (http:\/\/[^\s,]+)/))[1]!;
    const response = await request(`${url}/api/hubs/chat/users/u1/groups/g1?api-version=2022-06-01`, {
      method: "PUT",
      headers: BEARER,
    });
    await response.body.dump();
    expect(response.statusCode).toBe(200);
    run.stop("SIGTERM");
    expect(await run.exited).toBe(0);
    // Prism went with it: nothing answers on its port any more.
    await expect(request(`${url}/api/health?api-version=2022-06-01`, { method: "HEAD" })).rejects.toThrow();
  });
});
