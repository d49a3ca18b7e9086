// A connection with no socket (seeded by fixtures, Pact states or the admin API): it records what it is sent.
import type { Clock } from "../clock.js";
import type { ScriptedAnswer, ScriptedSink } from "./invocations.js";
import type { OutboundInvocation, RecordedMessage } from "./messages.js";

/** Enough history for tests and demos without letting a long-running mock grow without bound. */
const MAX_RECORDED = 1000;

export class VirtualConnectionSink implements ScriptedSink {
  readonly received: RecordedMessage[] = [];
  closedWith: { reason: string | undefined; at: number } | undefined;

  constructor(
    private readonly clock: Clock,
    /** Scripted answers to REST `:invoke`, by method name (state file `invokeResults`). */
    private readonly answers: Readonly<Record<string, ScriptedAnswer>> = {},
  ) {}

  scriptedAnswer(target: string): ScriptedAnswer | undefined {
    return Object.hasOwn(this.answers, target) ? this.answers[target] : undefined;
  }

  deliver(message: OutboundInvocation): void {
    if (this.received.length >= MAX_RECORDED) this.received.shift();
    this.received.push({ target: message.target, arguments: message.args, at: this.clock.now() });
  }

  close(reason?: string): void {
    this.closedWith = { reason, at: this.clock.now() };
  }
}
