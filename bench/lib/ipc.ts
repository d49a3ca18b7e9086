// Request/response over a child's IPC channel, so the bench can ask a server or client process for work and numbers.
import type { ChildProcess } from "node:child_process";

type Handler = (params: never) => unknown;

interface Request {
  id: number;
  method: string;
  params: unknown;
}

type Reply = { id: number; result: unknown } | { id: number; error: string } | { ready: unknown };

/** The parent's side: `ready()` resolves with what the child announced; `call` sends one request. */
export class IpcPeer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly readyPromise: Promise<unknown>;

  constructor(
    private readonly child: ChildProcess,
    private readonly name: string,
  ) {
    let onReady!: (value: unknown) => void;
    let onFail!: (error: Error) => void;
    this.readyPromise = new Promise((resolve, reject) => {
      onReady = resolve;
      onFail = reject;
    });
    this.readyPromise.catch(() => {});
    child.on("message", (raw: Reply) => {
      if ("ready" in raw) return onReady(raw.ready);
      const waiter = this.pending.get(raw.id);
      if (!waiter) return;
      this.pending.delete(raw.id);
      if ("error" in raw) waiter.reject(new Error(`${name}: ${raw.error}`));
      else waiter.resolve(raw.result);
    });
    child.once("exit", (code, signal) => {
      const error = new Error(`${name} exited (code ${code}, signal ${signal}) before answering`);
      onFail(error);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  async ready<T>(timeoutMs: number): Promise<T> {
    return withTimeout(this.readyPromise as Promise<T>, timeoutMs, `${this.name} did not start`);
  }

  call<T>(method: string, params: unknown = {}, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.child.send({ id, method, params } satisfies Request);
    return withTimeout(reply, timeoutMs, `${this.name}.${method} did not answer`).finally(() =>
      this.pending.delete(id),
    );
  }
}

/** The child's side: announce readiness, then answer requests with the named handlers. */
export function serveIpc(ready: unknown, handlers: Record<string, Handler>): void {
  if (!process.send) throw new Error("This script is a bench child process; start it with `npm run bench`.");
  process.on("message", async (request: Request) => {
    const handler = handlers[request.method];
    try {
      if (!handler) throw new Error(`unknown method ${request.method}`);
      const result = await handler(request.params as never);
      process.send?.({ id: request.id, result: result ?? null });
    } catch (error) {
      process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The parent going away (crash, SIGKILL) closes the channel: never outlive it. A normal exit on SIGTERM also lets
  // `--cpu-prof` write its profile.
  process.on("disconnect", () => process.exit(0));
  process.on("SIGTERM", () => process.exit(0));
  process.send({ ready });
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
