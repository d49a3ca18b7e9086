// What the mock delivers to a connection: a non-blocking invocation, encoded once per protocol for fan-out.

/** `{"type":1,"target":T,"arguments":[...]}` on the wire; shared by every recipient of one REST send. */
export class OutboundInvocation {
  private readonly encodings = new Map<string, unknown>();

  constructor(
    readonly target: string,
    readonly args: readonly unknown[],
    /** Set on a REST `:invoke`: the client answers with a Completion carrying this id. */
    readonly invocationId?: string,
  ) {}

  /**
   * The message encoded by a hub protocol, computed on first use and reused for every other recipient that
   * speaks the same protocol (a broadcast to 10,000 JSON clients serialises once).
   */
  encodedAs<T>(protocol: string, encode: (message: OutboundInvocation) => T): T {
    let encoded = this.encodings.get(protocol) as T | undefined;
    if (encoded === undefined) {
      encoded = encode(this);
      this.encodings.set(protocol, encoded);
    }
    return encoded;
  }
}

/** Where the Store delivers to: a live transport, or a virtual connection that records what it gets. */
export interface ConnectionSink {
  deliver(message: OutboundInvocation): void;
  /** Sends a hub-protocol Close (with the reason as `error` when there is one), then closes the transport. */
  close(reason?: string): void;
  /** The hub protocol of a live client (`json`, `messagepack`), once its handshake is done. */
  readonly protocolName?: string | undefined;
}

/** One message as recorded for a virtual connection (and shown by the admin API). */
export interface RecordedMessage {
  target: string;
  arguments: readonly unknown[];
  /** Epoch milliseconds. */
  at: number;
}
