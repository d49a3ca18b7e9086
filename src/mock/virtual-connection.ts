// A connection with no socket (seeded by fixtures, Pact states or the admin API): it records what it is sent.
import type { Clock } from "../clock.js";
import type { ScriptedAnswer, ScriptedSink } from "./invocations.js";
import type { OutboundInvocation, RecordedMessage } from "./messages.js";

/** Enough history for tests and demos without letting a long-running mock grow without bound. */
const MAX_RECORDED = 1000;

/**
 * Also a ceiling in bytes (arguments as JSON): 700 messages of 1 MiB once took the mock to 831 MB. The newest
 * message is always kept, whatever its size.
 */
export const MAX_RECORDED_BYTES = 4 * 1024 * 1024;

export class VirtualConnectionSink implements ScriptedSink {
  readonly received: RecordedMessage[] = [];
  closedWith: { reason: string | undefined; at: number } | undefined;
  /** JSON size of each kept message's arguments, in the order of `received`. */
  private readonly sizes: number[] = [];
  private bytes = 0;

  constructor(
    private readonly clock: Clock,
    /** Scripted answers to REST `:invoke`, by method name (state file `invokeResults`). */
    private readonly answers: Readonly<Record<string, ScriptedAnswer>> = {},
  ) {}

  scriptedAnswer(target: string): ScriptedAnswer | undefined {
    return Object.hasOwn(this.answers, target) ? this.answers[target] : undefined;
  }

  /** Bytes of arguments held (what a listing of this connection costs, roughly). */
  get recordedBytes(): number {
    return this.bytes;
  }

  deliver(message: OutboundInvocation): void {
    const size = message.encodedAs("recorded-bytes", argumentsSize);
    this.received.push({ target: message.target, arguments: message.args, at: this.clock.now() });
    this.sizes.push(size);
    this.bytes += size;
    while (this.received.length > 1 && (this.received.length > MAX_RECORDED || this.bytes > MAX_RECORDED_BYTES)) {
      this.received.shift();
      this.bytes -= this.sizes.shift() ?? 0;
    }
  }

  close(reason?: string): void {
    this.closedWith = { reason, at: this.clock.now() };
  }
}

/** Computed once per message, shared by every virtual recipient (like a protocol encoding). */
function argumentsSize(message: OutboundInvocation): number {
  try {
    return Buffer.byteLength(JSON.stringify(message.args));
  } catch {
    return 0;
  }
}
