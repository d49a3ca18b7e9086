// Starts `prism mock` on the same spec (the tool a user would pick instead), quiet, as a directly spawned process.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { REPO_ROOT, stopChild, track } from "./children.js";

export interface PrismProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Spawned without npx: killing an npx PID leaves the real prism running (stack notes, pitfall 8). Start it before
 * other servers on port 0, so none of them is handed the port picked for it.
 */
export async function startPrism(timeoutMs = 30_000): Promise<PrismProcess> {
  const port = await freePort();
  const bin = join(REPO_ROOT, "node_modules/.bin/prism");
  const args = ["mock", "spec/signalr-2022-06-01.yaml", "-p", String(port), "-h", "127.0.0.1", "-v", "error"];
  const child = track(spawn(bin, args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "pipe"] }));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prism exited with code ${child.exitCode}: ${stderr.trim()}`);
    if (await isPrism(url)) return { url, child, stop: () => stopChild(child) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopChild(child);
  throw new Error(`prism did not answer on ${url} within ${timeoutMs} ms: ${stderr.trim()}`);
}

/**
 * True only when Prism itself answers: the port was free when picked, but another process (one of the bench's own
 * servers on port 0) may have been given it since, and then Prism fails to bind while that server answers.
 */
async function isPrism(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/hubkit-bench-probe`, { signal: AbortSignal.timeout(1000) });
    return (await res.text()).includes("NO_PATH_MATCHED_ERROR");
  } catch {
    return false;
  }
}

/** A port free right now (prism cannot be told to pick one and report it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
