// A test's view of one client: messages are consumed by the expectMessage that matched them, and waits are abortable.
import type { ClosedInfo, HubClient, ReceivedMessage } from "../targets/target.js";

export class ClientInbox {
  private readonly consumed = new Set<ReceivedMessage>();

  constructor(
    readonly name: string,
    readonly client: HubClient,
  ) {}

  /** Messages no earlier `expectMessage` matched. */
  unconsumed(): ReceivedMessage[] {
    return this.client.messages.filter((m) => !this.consumed.has(m));
  }

  /** The first unconsumed message that matches, consumed; waits up to `timeoutMs` for one to arrive. */
  async take(
    matches: (message: ReceivedMessage) => boolean,
    options: { timeoutMs: number; signal: AbortSignal },
  ): Promise<ReceivedMessage | undefined> {
    const found = await this.waitUntil(() => this.unconsumed().find(matches), options);
    if (found) this.consumed.add(found);
    return found;
  }

  /** Watches for `windowMs`; returns the unconsumed messages that match (none expected). */
  async watch(
    matches: (message: ReceivedMessage) => boolean,
    options: { windowMs: number; signal: AbortSignal },
  ): Promise<ReceivedMessage[]> {
    await this.waitUntil(() => undefined, { timeoutMs: options.windowMs, signal: options.signal });
    return this.unconsumed().filter(matches);
  }

  /** Resolves true when a keep-alive Ping arrives after this call, false at timeout. */
  async nextPing(options: { timeoutMs: number; signal: AbortSignal }): Promise<boolean> {
    const before = this.client.pings;
    return (await this.waitUntil(() => (this.client.pings > before ? true : undefined), options)) === true;
  }

  closed(options: { timeoutMs: number; signal: AbortSignal }): Promise<ClosedInfo | undefined> {
    return this.waitUntil(() => this.client.closed, options);
  }

  /** Resolves with the first defined `probe()` result, re-probing on every client event, or undefined at timeout. */
  private waitUntil<T>(probe: () => T | undefined, options: { timeoutMs: number; signal: AbortSignal }) {
    return new Promise<T | undefined>((resolve, reject) => {
      const now = probe();
      if (now !== undefined) return resolve(now);
      if (options.signal.aborted) return reject(options.signal.reason);
      const finish = (value: T | undefined, error?: unknown) => {
        clearTimeout(timer);
        unsubscribe();
        options.signal.removeEventListener("abort", onAbort);
        if (error !== undefined) reject(error);
        else resolve(value);
      };
      const onAbort = () => finish(undefined, options.signal.reason);
      const timer = setTimeout(() => finish(probe()), options.timeoutMs);
      const unsubscribe = this.client.subscribe(() => {
        const value = probe();
        if (value !== undefined) finish(value);
      });
      options.signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
