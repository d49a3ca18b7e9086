// Runs Prism (mock or validation proxy) as one child process from node_modules, waits until it answers, stops it.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { request } from "undici";
import YAML from "yaml";
import { HubkitError } from "../errors.js";
import { DEFAULT_SPEC_PATH } from "../spec/index.js";
import { findFreePort } from "./free-port.js";

export interface PrismOptions {
  mode: "mock" | "proxy";
  /** Default: hubkit's OpenAPI document. */
  specPath?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default (or 0): a free port. */
  port?: number;
  /** Proxy mode: the implementation Prism forwards to. */
  upstream?: string;
  /**
   * Default 120 s. Prism takes a few seconds of CPU to load the document, far longer on a busy machine; a Prism that
   * exits ends the wait at once, so the limit only matters for one that hangs.
   */
  readyTimeoutMs?: number;
}

export interface PrismProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Starts Prism and resolves once it answers HTTP; a busy auto-chosen port is retried with another one. */
export async function startPrism(options: PrismOptions): Promise<PrismProcess> {
  if (options.mode === "proxy" && !options.upstream) {
    throw new HubkitError("Prism's proxy mode needs an upstream URL.", { code: "E_PRISM_UPSTREAM" });
  }
  // A port the user chose and another process holds fails here at once, not after Prism has loaded the document.
  if (options.port && !(await isPortFree(options.port, options.host))) throw portInUse(options.port);
  if (options.specPath) checkDocumentParses(options.specPath, options.mode);
  const attempts = options.port ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort(options.host));
    try {
      return await launch(options, port);
    } catch (error) {
      // Prism does not say why it could not bind; a port taken meanwhile is retried when hubkit chose it.
      const busy = !(await isPortFree(port, options.host));
      if (!busy || attempt >= attempts) throw busy ? portInUse(port, error) : error;
    }
  }
}

async function launch(options: PrismOptions, port: number): Promise<PrismProcess> {
  const host = options.host ?? "127.0.0.1";
  const args = [prismBin(), options.mode, options.specPath ?? DEFAULT_SPEC_PATH];
  if (options.mode === "proxy") args.push(options.upstream!);
  args.push("-h", host, "-p", String(port), "-v", "error");
  // Prism logs each violation even at `error`; keep only a tail for diagnostics so the pipe never blocks.
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  track(child);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilAnswering(url, child, options.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    const detail = (error as Error).message;
    throw new HubkitError(`Prism ${options.mode} did not start on ${url}: ${detail}\n${withoutUsage(output)}`, {
      code: "E_PRISM_START",
      hint: "Check that the OpenAPI document loads (prism validates it at start) and that the port is free.",
    });
  }
  return { url, port, pid: child.pid ?? 0, stop };
}

/** A document that cannot be read or is not YAML fails here at once, not after seconds of Prism starting. */
function checkDocumentParses(specPath: string, mode: PrismOptions["mode"]): void {
  let text: string;
  try {
    text = readFileSync(specPath, "utf8");
  } catch (error) {
    throw prismStartError(mode, `Cannot read ${specPath}: ${(error as Error).message}`, error);
  }
  try {
    YAML.parse(text);
  } catch (error) {
    throw prismStartError(mode, `Error parsing ${specPath}: ${(error as Error).message}`, error);
  }
}

function prismStartError(mode: PrismOptions["mode"], reason: string, cause: unknown): HubkitError {
  return new HubkitError(`Prism ${mode} did not start: ${reason}`, {
    code: "E_PRISM_START",
    hint: "Check that the OpenAPI document loads (prism validates it at start) and that the port is free.",
    cause,
  });
}

/** Prism prints its whole usage text after a fatal error; the reason is above it. */
function withoutUsage(output: string): string {
  const usage = output.search(/\nprism (mock|proxy) <document>/);
  return (usage < 0 ? output : output.slice(0, usage)).trim();
}

async function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function portInUse(port: number, cause?: unknown): HubkitError {
  return new HubkitError(`Prism could not listen on port ${port}: it is already in use.`, {
    code: "E_PORT_IN_USE",
    hint: "Stop the other process, or pick another port (0 picks a free one).",
    cause,
  });
}

/** The package's own `bin` entry run with this Node: one process, no npx, no shell shim left behind. */
function prismBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin.prism ?? "dist/index.js");
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | undefined;
  child.once("exit", (code, signal) => {
    exited = `the process exited (${signal ?? `code ${code}`})`;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      const response = await request(`${url}/api/health?api-version=2022-06-01`, {
        method: "HEAD",
        headersTimeout: 2000,
        bodyTimeout: 2000,
      });
      await response.body.dump();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(exited ?? `no answer within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
  running.delete(child);
}

/** Children die with hubkit, even when it exits without stopping them. */
function track(child: ChildProcess): void {
  running.add(child);
  child.once("exit", () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const c of running) c.kill("SIGKILL");
  });
}
