// One client connection from negotiate to the end: handshake, pings, timeouts, client messages, and the Store's sink.
import { performance } from "node:perf_hooks";
import type { ConnectionSink, OutboundInvocation } from "../messages.js";
import type { Store } from "../store.js";
import type { UpstreamDispatcher } from "../upstream/dispatcher.js";
import type { SessionUpstream } from "../upstream/session-upstream.js";
import { FrameBuffer } from "./frame-buffer.js";
import { HANDSHAKE_OK, handshakeError, MAX_HANDSHAKE_BYTES, readHandshake } from "./handshake.js";
import { type ClientMessage, type HubProtocol, MessageType } from "./protocols/hub-protocol.js";
import { StatefulReconnect } from "./stateful-reconnect.js";
import type { Transport, TransportOwner } from "./transports/transport.js";

export interface SessionSettings {
  keepAliveIntervalMs: number;
  handshakeTimeoutMs: number;
  /**
   * Close a connection that sent nothing (not even a ping) for this long. Long polling sends no pings, so there it
   * is the time allowed between the end of one poll and the next (ASP.NET Core's disconnect timeout).
   */
  clientTimeoutMs: number;
  longPollingTimeoutMs: number;
  maxMessageBytes: number;
  maxBufferedBytes: number;
}

/** Shared by every session (one object, so a session costs a pointer, not a copy). */
export interface SessionContext {
  store: Store;
  log: (line: string) => void;
  settings: SessionSettings;
  /** Drops the session from the connection registry. */
  forget(session: HubSession): void;
  /** Upstream events and client invocations (serverless with upstream or in-process handlers). */
  upstream?: UpstreamDispatcher;
  /** A Completion (type 3) arrived: true when it answered a REST `:invoke` (src/mock/invocations.ts). */
  onCompletion?: (session: HubSession, message: ClientMessage) => boolean;
  /** A fault rule holds back this session's pings (so the client's server timeout fires). */
  stallPings?(session: HubSession): boolean;
  /** A slowReads fault rule holds this frame back (it writes it later through `writeNow`). */
  holdFrame?(session: HubSession, frame: Buffer, binary: boolean): boolean;
  /** The session ends: frames a fault held go out before the transport closes. */
  releaseFrames?(session: HubSession): void;
}

export interface NewSession {
  /** The `id` a transport request carries: the connectionToken (negotiate v1) or the connection id (v0). */
  token: string;
  connectionId: string;
  /** The effective hub name, lower case. */
  hub: string;
  userId: string | undefined;
  /** The client token's claims and the negotiate query (without `?`): for the upstream's X-ASRS-* headers. */
  claims?: Readonly<Record<string, unknown>>;
  query?: string;
}

type SessionState = "negotiated" | "handshaking" | "active" | "closed";

const SERVERLESS_REJECTION =
  "is not allowed: the hubkit mock runs in serverless mode without an upstream, where Azure SignalR Service closes clients that send messages. Send from your app server through the REST API instead.";

export class HubSession implements ConnectionSink, TransportOwner {
  readonly token: string;
  readonly connectionId: string;
  readonly hub: string;
  readonly userId: string | undefined;
  readonly claims: Readonly<Record<string, unknown>> | undefined;
  readonly query: string | undefined;
  state: SessionState = "negotiated";
  transport: Transport | undefined;
  protocol: HubProtocol | undefined;
  /** Hub messages received from the client, pings excluded (the dashboard shows it). */
  messagesIn = 0;
  /** Unfinished client messages waiting for their remaining bytes; usually empty. */
  private readonly frames = new FrameBuffer();
  /** Negotiated or handshaking: when to give up. Closed long-polling session: when to forget it. */
  private deadline: number;
  private lastReceivedAt = 0;
  private lastSentAt = 0;
  private upstream: SessionUpstream | undefined;
  /** Why the connection failed (for the upstream's `disconnected` Error); undefined on a clean close. */
  private endError: string | undefined;
  /** The client negotiated `useStatefulReconnect=true`. */
  statefulAsked = false;
  /** Stateful reconnect state (WebSockets clients that asked for it); undefined otherwise. */
  reconnect: StatefulReconnect | undefined;

  constructor(
    spec: NewSession,
    private readonly ctx: SessionContext,
  ) {
    this.token = spec.token;
    this.connectionId = spec.connectionId;
    this.hub = spec.hub;
    this.userId = spec.userId;
    this.claims = spec.claims;
    this.query = spec.query;
    this.deadline = performance.now() + ctx.settings.handshakeTimeoutMs;
  }

  /** The transport is up: the handshake timeout starts now. */
  attach(transport: Transport): void {
    this.transport = transport;
    this.state = "handshaking";
    this.deadline = performance.now() + this.ctx.settings.handshakeTimeoutMs;
    this.lastReceivedAt = performance.now();
  }

  receive(data: Buffer): void {
    if (this.state !== "handshaking" && this.state !== "active") return;
    this.lastReceivedAt = performance.now();
    if (this.state === "active") {
      this.read(data);
      return;
    }
    const input = this.frames.push(data, "separator", MAX_HANDSHAKE_BYTES);
    if (input.kind === "tooLarge")
      this.fail("Handshake request too long: expected a small JSON object followed by 0x1E.");
    if (input.kind !== "frames") return;
    const rest = this.handshake(input.data);
    // What followed the handshake is read with the protocol's own framing (MessagePack frames may hold 0x1E bytes).
    const later = this.frames.take();
    for (const chunk of rest ? [rest, ...later] : later) {
      // handshake() and read() move the state on (TypeScript cannot see it through the calls).
      if ((this.state as SessionState) !== "active") return;
      this.read(chunk);
    }
  }

  get protocolName(): string | undefined {
    return this.protocol?.name;
  }

  deliver(message: OutboundInvocation): void {
    if (this.state !== "active" || !this.protocol) return;
    const frame = this.protocol.encodeInvocation(message);
    if (this.reconnect && !this.keepForReplay(frame)) return;
    this.send(frame);
  }

  /** True when the connection dropped without a Close and may still come back (stateful reconnect). */
  get resumable(): boolean {
    return this.state === "active" && this.reconnect?.detached === true;
  }

  /** The client of a dropped stateful connection is back: Sequence, then every unacked message again. */
  resume(transport: Transport): void {
    if (!this.reconnect || !this.protocol) return;
    this.transport = transport;
    this.lastReceivedAt = performance.now();
    this.ctx.log(`client resumed ${this.describe()} (stateful reconnect, ${this.reconnect.pending} unacked)`);
    for (const frame of this.reconnect.resume(this.protocol)) this.send(frame);
  }

  /** Cuts the transport without a Close (the `drop` fault); false when there is nothing to drop. */
  drop(): boolean {
    if (this.state !== "active" || !this.transport?.drop) return false;
    this.transport.drop();
    return true;
  }

  /** Numbers and keeps the frame for replay; false when it must not be sent now (detached, or overflowed). */
  private keepForReplay(frame: Buffer): boolean {
    if (!this.reconnect!.record(frame)) {
      this.fail("The stateful reconnect buffer is full: the client did not acknowledge messages.");
      return false;
    }
    return !this.reconnect!.detached;
  }

  /** From the Store (REST close or reset): Close message with the reason, then the transport closes. */
  close(reason?: string): void {
    if (this.state === "active") this.sendClose(reason, true);
    this.end(reason ?? "closed by the REST API");
  }

  /** `abrupt`: the transport vanished without a clean close, which a stateful-reconnect client may resume. */
  transportClosed(reason: string, abrupt = false): void {
    if (abrupt && this.state === "active" && this.reconnect) {
      this.transport = undefined;
      this.reconnect.detach(performance.now());
      this.ctx.log(`client dropped ${this.describe()} (waiting for a stateful reconnect)`);
      return;
    }
    this.end(reason);
  }

  heard(): void {
    if (this.state === "handshaking" || this.state === "active") this.lastReceivedAt = performance.now();
  }

  /** Ends the connection for good: leaves the Store (and every group), closes the transport. Idempotent. */
  end(reason: string): void {
    if (this.state === "closed") return;
    const wasActive = this.state === "active";
    this.state = "closed";
    this.frames.take();
    if (wasActive) {
      this.ctx.store.disconnect(this.hub, this.connectionId, reason);
      this.ctx.log(`client disconnected ${this.describe()} reason=${JSON.stringify(reason)}`);
    }
    this.ctx.releaseFrames?.(this);
    this.transport?.close();
    if (wasActive) this.upstream?.closed(this.endError);
    // A long-polling client learns of the end from its next poll (204), so the session lingers for one poll window.
    if (this.transport?.kind === "LongPolling")
      this.deadline = performance.now() + this.ctx.settings.longPollingTimeoutMs;
    else this.ctx.forget(this);
  }

  /** Called by the shared heartbeat: timeouts, keep-alive pings, idle polls. */
  tick(now: number): void {
    const { settings } = this.ctx;
    if (this.state === "closed") {
      if (now >= this.deadline) this.ctx.forget(this);
      return;
    }
    if (this.reconnect?.detached) {
      if (this.reconnect.expired(now)) this.end("the client did not come back within the stateful reconnect window");
      return;
    }
    this.transport?.tick?.(now);
    if (this.state !== "active") {
      if (now >= this.deadline) this.end(this.transport ? "handshake timeout" : "negotiated but never connected");
      return;
    }
    const keepsAlive = this.transport?.inherentKeepAlive === true;
    if (now - this.lastReceivedAt >= settings.clientTimeoutMs) {
      this.fail(
        keepsAlive
          ? `The long-polling client stopped polling: no poll for ${settings.clientTimeoutMs} ms.`
          : `No message (not even a ping) from the client for ${settings.clientTimeoutMs} ms.`,
        true,
      );
    } else if (
      !keepsAlive &&
      now - this.lastSentAt >= settings.keepAliveIntervalMs &&
      this.protocol &&
      !this.ctx.stallPings?.(this)
    ) {
      this.send(this.protocol.ping);
    }
  }

  /** Sends a Close message with the error, then ends the connection. */
  fail(error: string, allowReconnect = false): void {
    this.endError ??= error;
    if (this.state === "active") this.sendClose(error, allowReconnect);
    else if (this.state === "handshaking") this.sendRaw(handshakeError(error), false);
    this.end(error);
  }

  /**
   * A framed hub message from the upstream path (a Completion); dropped once the connection is over. Kept for replay
   * like any sequenced message when the client uses stateful reconnect.
   */
  writeFrame(frame: Buffer): void {
    if (this.state !== "active") return;
    if (this.reconnect && !this.keepForReplay(frame)) return;
    this.send(frame);
  }

  describe(): string {
    return `id=${this.connectionId} user=${this.userId ?? "-"} hub=${this.hub}`;
  }

  /** Returns the bytes after the handshake, or undefined when nothing is left to read (or the handshake failed). */
  private handshake(input: Buffer): Buffer | undefined {
    const result = readHandshake(input, this.transport?.transferFormats ?? []);
    // `input` ends with a separator (FrameBuffer), so the request is always complete here.
    if (result.kind === "incomplete") return undefined;
    if (result.kind === "rejected") {
      this.ctx.log(`client handshake failed ${this.describe()} error=${JSON.stringify(result.error)}`);
      this.fail(result.error);
      return undefined;
    }
    this.protocol = result.protocol;
    // Join the Store before answering: a client told the handshake succeeded must really be connected.
    try {
      this.ctx.store.connect({ hub: this.hub, id: this.connectionId, userId: this.userId, sink: this, kind: "live" });
    } catch (error) {
      const reason = `The hubkit mock could not add the connection: ${error instanceof Error ? error.message : String(error)}.`;
      this.ctx.log(`client handshake failed ${this.describe()} error=${JSON.stringify(reason)}`);
      this.fail(reason);
      return undefined;
    }
    this.sendRaw(HANDSHAKE_OK, false);
    this.state = "active";
    if (this.statefulAsked && this.transport?.kind === "WebSockets") {
      const { clientTimeoutMs, maxBufferedBytes } = this.ctx.settings;
      this.reconnect = new StatefulReconnect({ windowMs: clientTimeoutMs, maxBufferedBytes });
    }
    this.ctx.log(
      `client connected ${this.describe()} transport=${this.transport?.kind} protocol=${this.protocol.name}`,
    );
    this.upstream = this.ctx.upstream?.open(this);
    return result.rest;
  }

  /** Linear in the bytes received: FrameBuffer hands over whole frames only, joined once. */
  private read(chunk: Buffer): void {
    const protocol = this.protocol;
    if (!protocol) return;
    const framing = protocol.transferFormat === "Binary" ? "length-prefix" : "separator";
    const max = this.ctx.settings.maxMessageBytes;
    let input = this.frames.push(chunk, framing, max);
    while (input.kind === "frames") {
      let parsed: ReturnType<HubProtocol["parse"]>;
      try {
        parsed = protocol.parse(input.data);
      } catch (error) {
        this.fail(error instanceof Error ? error.message : String(error));
        return;
      }
      for (const message of parsed.messages) {
        this.handle(message);
        if (this.state !== "active") return;
      }
      input = this.frames.keep(parsed.rest, framing, max);
    }
    if (input.kind === "tooLarge") this.fail(`A client message exceeded the maximum size of ${max} bytes.`);
  }

  private handle(message: ClientMessage): void {
    if (message.type !== MessageType.Ping) this.messagesIn += 1;
    if (message.type === MessageType.Completion && this.ctx.onCompletion?.(this, message)) return;
    switch (message.type) {
      case MessageType.Ping:
      case MessageType.Sequence:
        return;
      case MessageType.Ack:
        this.reconnect?.ack(message.sequenceId);
        return;
      case MessageType.Close:
        if (message.error) this.endError = message.error;
        this.end(message.error ? `client closed: ${message.error}` : "client closed");
        return;
      case MessageType.Invocation:
      case MessageType.StreamInvocation:
        if (this.upstream?.invoke(message)) return;
        this.fail(`Invocation of '${message.target ?? ""}' ${SERVERLESS_REJECTION}`);
        return;
      case MessageType.StreamItem:
      case MessageType.Completion:
      case MessageType.CancelInvocation:
        this.fail(`Hub message type ${message.type} ${SERVERLESS_REJECTION}`);
        return;
      default:
        this.fail(`Unknown hub message type ${message.type}: expected 1-9 per the ASP.NET Core hub protocol.`);
    }
  }

  private sendClose(error: string | undefined, allowReconnect: boolean): void {
    if (this.protocol) this.send(this.protocol.encodeClose(error, allowReconnect));
  }

  private send(frame: Buffer): void {
    this.sendRaw(frame, this.protocol?.transferFormat === "Binary");
  }

  private sendRaw(frame: Buffer, binary: boolean): void {
    this.lastSentAt = performance.now();
    if (this.ctx.holdFrame?.(this, frame, binary)) return;
    this.transport?.send(frame, binary);
  }

  /** Writes a frame now, past the fault hook (frames a slowReads rule held back). */
  writeNow(frame: Buffer, binary: boolean): void {
    this.transport?.send(frame, binary);
  }
}
