// Runs the Pact Verifier in a child process (one per verification run, pact files one after another) and answers
// its provider-state calls.
import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { redactTokens } from "../auth/index.js";
import type { ChildMessage, ParentMessage, StateCallMessage } from "./verifier-messages.js";

export interface VerifyFileOptions {
  pactFile: string;
  provider: string;
  providerBaseUrl: string;
  accessKey: string;
  apiVersion: string;
  /** Realises a provider state (or resets on the first setup of an interaction); returns values to inject. */
  onState: (call: StateCallMessage) => Promise<Record<string, unknown> | undefined>;
  /** Per-request timeout of the verifier; default 30 s. */
  requestTimeoutMs?: number;
  /** Whole-file timeout; default 10 minutes. */
  timeoutMs?: number;
}

export interface VerifierProcess {
  /** Resolves with the verifier's JSON result (passing or failing); rejects when the verifier could not run. */
  verify(options: VerifyFileOptions): Promise<string>;
  close(): Promise<void>;
}

export function startVerifierProcess(providerBaseUrl: string): VerifierProcess {
  const child = fork(childEntry(), [], {
    execArgv: childExecArgv(),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: childEnv(providerBaseUrl),
  });
  let output = "";
  // Kept for error messages only; tokens in it are redacted.
  const keep = (chunk: Buffer) => {
    output = redactTokens(output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: string | undefined;
  child.on("exit", (code, signal) => {
    exited = `the verifier process exited (${signal ?? `code ${code}`})`;
  });
  let queue: Promise<unknown> = Promise.resolve();
  return {
    verify(options) {
      const run = queue.then(() => {
        if (exited) throw new Error(`${exited}:\n${output.trim()}`);
        output = "";
        return verifyOne(child, options, () => output);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill();
      await gone;
    },
  };
}

function verifyOne(child: ChildProcess, options: VerifyFileOptions, output: () => string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, json?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(json!);
    };
    const timeoutMs = options.timeoutMs ?? 600_000;
    const timer = setTimeout(() => {
      child.kill();
      finish(new Error(`the verifier did not finish ${options.pactFile} within ${timeoutMs} ms`));
    }, timeoutMs);
    const post = (message: ParentMessage) => {
      if (child.connected) child.send(message);
    };
    const onMessage = (message: ChildMessage) => {
      if (message.type === "done") finish(undefined, message.json);
      else if (message.type === "crash") finish(new Error(message.message));
      else {
        options
          .onState(message)
          .catch(() => undefined)
          .then((values) => post({ type: "state-result", id: message.id, ...(values ? { values } : {}) }));
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      finish(new Error(`the verifier process exited (${signal ?? `code ${code}`}) early:\n${output().trim()}`));
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
    post({
      type: "verify",
      pactFile: options.pactFile,
      provider: options.provider,
      providerBaseUrl: options.providerBaseUrl,
      accessKey: options.accessKey,
      apiVersion: options.apiVersion,
      requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    });
  });
}

/** Run from source (tsx, vitest) the child is the `.ts` file; from a build, the `.js` next to this one. */
function childEntry(): string {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return fileURLToPath(new URL(`./verifier-child${ext}`, import.meta.url));
}

function childExecArgv(): string[] {
  if (!import.meta.url.endsWith(".ts")) return [];
  const tsx = createRequire(import.meta.url).resolve("tsx");
  return ["--import", pathToFileURL(tsx).href];
}

/** No telemetry; no Pact filters from the caller's shell (they would silently skip interactions). */
function childEnv(providerBaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PACT_DO_NOT_TRACK: "true" };
  for (const name of ["PACT_DESCRIPTION", "PACT_PROVIDER_STATE", "PACT_PROVIDER_NO_STATE"]) delete env[name];
  // Pact's proxy honours HTTP(S)_PROXY; a local provider must be reached directly.
  if (/^https?:\/\/(127\.|localhost|\[::1\])/i.test(providerBaseUrl)) {
    for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) delete env[name];
  }
  return env;
}
