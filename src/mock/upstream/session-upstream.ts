// One connection's side of the upstream: `connected` first, each client invocation in order behind it, `disconnected`
// last; and the emulator's mapping of an upstream answer to the Completion the client receives.
import { encodeCompletion, readCompletion } from "./completion.js";
import type { UpstreamAnswer } from "./http-upstream.js";
import { decodeInvocation, type ProtocolName } from "./invocation.js";
import type { UpstreamRecord, UpstreamRecorder } from "./recorder.js";
import type { UpstreamCategory } from "./templates.js";
import { connectedBody, disconnectedBody } from "./upstream-request.js";

/** What the dispatcher needs from a client session (HubSession implements it). */
export interface UpstreamSessionPort {
  readonly connectionId: string;
  readonly hub: string;
  readonly userId: string | undefined;
  readonly claims?: Readonly<Record<string, unknown>> | undefined;
  readonly query?: string | undefined;
  readonly protocol: { readonly name: ProtocolName } | undefined;
  /** Writes a framed hub message to the client (ignored once the session is closed). */
  writeFrame(frame: Buffer): void;
}

/** A client message as the session read it: its type and its unframed bytes. */
export interface RoutedMessage {
  type: number;
  target?: string;
  payload?: Uint8Array;
}

/** One event for the dispatcher to route and record. */
export interface DispatchCall {
  session: UpstreamSessionPort;
  category: UpstreamCategory;
  event: string;
  body: Buffer;
  invocationId?: string;
}

/** What a session needs of the UpstreamDispatcher, named here so that only dispatcher.ts imports the other file. */
export interface SessionDispatcher {
  readonly active: boolean;
  readonly recorder: UpstreamRecorder;
  dispatch(call: DispatchCall): Promise<{ answer: UpstreamAnswer | undefined; record: UpstreamRecord }>;
  finish(record: UpstreamRecord): void;
}

/** Per connection: `connected` first (invocations queue behind it, in order), `disconnected` last. */
export class SessionUpstream {
  private queue: Promise<void>;

  constructor(
    private readonly dispatcher: SessionDispatcher,
    private readonly session: UpstreamSessionPort,
  ) {
    this.queue = dispatcher.active ? this.lifecycle("connected", connectedBody()) : Promise.resolve();
  }

  /**
   * A client Invocation or StreamInvocation. False when there is no upstream and no handler at all: the session
   * then refuses it as before (serverless without upstream).
   */
  invoke(message: RoutedMessage): boolean {
    if (!this.dispatcher.active) return false;
    this.queue = this.queue.then(() => this.route(message));
    return true;
  }

  /** The connection ended (after its Close): `disconnected`, with Error when it ended with one. */
  closed(error: string | undefined): void {
    if (!this.dispatcher.active) return;
    this.queue = this.queue.then(() => this.lifecycle("disconnected", disconnectedBody(error)));
  }

  /** Resolves when every queued call is done (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async lifecycle(event: "connected" | "disconnected", body: Buffer): Promise<void> {
    const { record } = await this.dispatcher.dispatch({ session: this.session, category: "connections", event, body });
    if (record.route !== "dropped") this.dispatcher.finish(record);
  }

  private async route(message: RoutedMessage): Promise<void> {
    const protocol = this.session.protocol?.name ?? "json";
    const invocation = message.payload ? decodeInvocation(protocol, message.payload) : "The message has no content.";
    if (typeof invocation === "string") {
      this.dispatcher.recorder.finish(
        this.dispatcher.recorder.start({
          at: Date.now(),
          hub: this.session.hub,
          category: "messages",
          event: message.target ?? "",
          connectionId: this.session.connectionId,
          route: "dropped",
          answer: { error: invocation },
        }),
      );
      return;
    }
    const id = invocation.invocationId;
    if (invocation.type === 4) {
      // Streams have no upstream form (the emulator drops them, leaving the client waiting): fail the stream at once.
      if (id !== undefined) {
        this.session.writeFrame(
          encodeCompletion(protocol, id, {
            kind: "error",
            error: "Invocation failed, streaming hub methods are not supported by the upstream protocol.",
          }),
        );
      }
      return;
    }
    const { answer, record } = await this.dispatcher.dispatch({
      session: this.session,
      category: "messages",
      event: invocation.target,
      body: invocation.body,
      ...(id === undefined ? {} : { invocationId: id }),
    });
    if (record.route === "dropped") return;
    if (id !== undefined && answer) this.complete(protocol, id, answer, record);
    this.dispatcher.finish(record);
  }

  /** The emulator's mapping: 200 + body = the Completion as sent, 200 empty / 204 = void, anything else an error. */
  private complete(protocol: ProtocolName, id: string, answer: UpstreamAnswer, record: UpstreamRecord): void {
    const error = completionError(protocol, id, answer);
    if (error !== undefined) {
      record.completion = { kind: "error", error };
      this.session.writeFrame(encodeCompletion(protocol, id, { kind: "error", error }));
    } else if (answer.kind === "response" && answer.body.length > 0 && answer.status === 200) {
      record.completion = { kind: "passed-through" };
      this.session.writeFrame(answer.body);
    } else {
      record.completion = { kind: "void" };
      this.session.writeFrame(encodeCompletion(protocol, id, { kind: "void" }));
    }
  }
}

/** The Completion error text for an answer, or undefined when the answer is a good Completion or a void one. */
function completionError(protocol: ProtocolName, id: string, answer: UpstreamAnswer): string | undefined {
  switch (answer.kind) {
    case "response": {
      if (answer.status === 204 || (answer.status === 200 && answer.body.length === 0)) return undefined;
      if (answer.status !== 200) return `Invocation failed, status code ${answer.status}`;
      const checked = readCompletion(protocol, answer.body, id);
      return checked.ok
        ? undefined
        : `Invocation failed, the upstream's answer is not a Completion: ${checked.reason}.`;
    }
    case "tooLarge":
      return "Invocation failed, response too large.";
    // The emulator maps an exception (timeout, refused connection, DNS) to a synthetic 500.
    case "timeout":
    case "unreachable":
      return "Invocation failed, status code 500";
  }
}
