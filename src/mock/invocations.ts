// Server-initiated client invocations (REST `:invoke`): send with an invocationId, wait for the client's Completion.

import { type ConnectionSink, OutboundInvocation } from "./messages.js";
import type { Connection } from "./store.js";

/** What became of one invocation; the REST handler turns it into an answer. */
export type InvocationOutcome =
  | { kind: "result"; result: unknown; protocol: string }
  | { kind: "error"; error: string }
  | { kind: "timeout"; afterMs: number }
  | { kind: "gone" };

/** A scripted answer of a virtual connection (state file `invokeResults`). */
export type ScriptedAnswer = { result: unknown } | { error: string };

/** A sink that can answer invocations itself (a virtual connection with scripted results). */
export interface ScriptedSink extends ConnectionSink {
  scriptedAnswer?(target: string): ScriptedAnswer | undefined;
}

interface Pending {
  connection: Connection;
  settle: (outcome: InvocationOutcome) => void;
  timer: NodeJS.Timeout;
}

const ID_PREFIX = "hubkit-";

/** The SDK's own default (`DefaultInvocationTimeoutTimespan`, 100 s). */
export const DEFAULT_INVOKE_TIMEOUT_MS = 100_000;

export class ClientInvocations {
  private readonly pending = new Map<string, Pending>();
  private next = 0;

  constructor(private readonly timeoutMs: number = DEFAULT_INVOKE_TIMEOUT_MS) {}

  /** Sends `target(args)` to the connection and resolves with its answer; never rejects. */
  invoke(connection: Connection, target: string, args: readonly unknown[]): Promise<InvocationOutcome> {
    const scripted =
      connection.kind === "virtual" ? (connection.sink as ScriptedSink).scriptedAnswer?.(target) : undefined;
    if (connection.kind === "virtual") {
      connection.sink.deliver(new OutboundInvocation(target, args));
      if (scripted && "result" in scripted)
        return Promise.resolve({ kind: "result", result: scripted.result, protocol: "json" });
      // A virtual connection has no handlers: like a client without one (docs/fidelity.md).
      return Promise.resolve({ kind: "error", error: scripted?.error ?? "Client didn't provide a result." });
    }
    const invocationId = `${ID_PREFIX}${++this.next}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(invocationId);
        resolve({ kind: "timeout", afterMs: this.timeoutMs });
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(invocationId, { connection, settle: resolve, timer });
      connection.sink.deliver(new OutboundInvocation(target, args, invocationId));
    });
  }

  /** A Completion from a client: true when it answered one of this registry's invocations on that connection. */
  complete(
    connectionId: string,
    completion: { invocationId: string; result?: unknown; error?: string },
    protocol: string,
  ): boolean {
    const pending = this.pending.get(completion.invocationId);
    // A late answer (after a timeout) to one of ours is dropped quietly rather than treated as a protocol error.
    if (!pending) return completion.invocationId.startsWith(ID_PREFIX);
    if (pending.connection.id !== connectionId) return false;
    this.finish(completion.invocationId, pending);
    pending.settle(
      completion.error !== undefined
        ? { kind: "error", error: completion.error }
        : { kind: "result", result: completion.result ?? null, protocol },
    );
    return true;
  }

  /** The connection ended: its waiting invocations answer "gone". */
  connectionGone(connection: Connection): void {
    for (const [id, pending] of this.pending) {
      if (pending.connection !== connection) continue;
      this.finish(id, pending);
      pending.settle({ kind: "gone" });
    }
  }

  dispose(): void {
    for (const [id, pending] of this.pending) {
      this.finish(id, pending);
      pending.settle({ kind: "gone" });
    }
  }

  get waiting(): number {
    return this.pending.size;
  }

  private finish(id: string, pending: Pending): void {
    clearTimeout(pending.timer);
    this.pending.delete(id);
  }
}
