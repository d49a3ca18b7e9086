// The Target seam: what the runner talks to. The mock target and the live target look the same to it.
import type { Fixture } from "./fixture.js";

/**
 * Which token a request carries. `valid` is signed for the request URL with the target's key; the others are the
 * negative cases: no token, or a token wrong in exactly one way. `claims` signs a valid token with claims merged
 * over the defaults (`aud`, `exp`, ...); a claim set to `null` is left out.
 */
export type AuthMode =
  | "valid"
  | "none"
  | "expired"
  | "wrong-key"
  | "wrong-audience"
  | "missing-exp"
  | "wrong-algorithm"
  | "tampered"
  | "malformed"
  | "secondary"
  | "upper-case-audience"
  | { claims: Record<string, unknown> };

export const AUTH_MODES = [
  "valid",
  "none",
  "expired",
  "wrong-key",
  "wrong-audience",
  "missing-exp",
  "wrong-algorithm",
  "tampered",
  "malformed",
  // Valid tokens signed another correct way: with the secondary access key (skipped when the target has none), and
  // with the audience's scheme and host in upper case (host names compare case-insensitively).
  "secondary",
  "upper-case-audience",
] as const;

export interface TargetRequest {
  method: string;
  /** Path and query exactly as sent (already percent-encoded), e.g. `/api/hubs/chat/:send?api-version=2022-06-01`. */
  pathAndQuery: string;
  /** Extra headers; `authorization` here wins over `auth`. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  auth: AuthMode;
  /**
   * How a valid token's `aud` is built: `sdk` (default) as the classic SDK signs, scheme + host + path + query;
   * `url-path` as the newer SDK signs a followed `nextLink`, scheme + host + port + path, no query.
   */
  audience?: "sdk" | "url-path";
  signal?: AbortSignal;
}

export interface TargetResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  durationMs: number;
  /** Request headers as sent, secrets redacted (for reports). */
  sentHeaders: Record<string, string>;
}

export type HubProtocolName = "json" | "messagepack";
export type TransportName = "webSockets" | "serverSentEvents" | "longPolling";

export interface ClientOptions {
  hub: string;
  application?: string;
  /** Put in the client token as `nameid` (the user id claim of Microsoft's docs). */
  user?: string;
  protocol?: HubProtocolName;
  transport?: TransportName;
  /** Extra claims for the client token. */
  claims?: Record<string, unknown>;
  auth?: AuthMode;
  /** Build the client `withStatefulReconnect()` (WebSockets): a dropped connection resumes without losing messages. */
  statefulReconnect?: boolean;
  signal?: AbortSignal;
  /** Answers to server-initiated invocations (REST `:invoke`) by method: return `result`, or throw `error`. */
  answers?: Readonly<Record<string, ClientAnswer>>;
}

export type ClientAnswer = { result: unknown } | { error: string };

/** A hub-protocol Invocation the client received, whatever its target. */
export interface ReceivedMessage {
  target: string;
  arguments: readonly unknown[];
  /** Milliseconds since the client connected. */
  atMs: number;
}

export interface ClosedInfo {
  /** `service`: a Close message or a dropped transport; `client`: our own `stop()`. */
  by: "service" | "client";
  /** The `error` of the service's Close message, when it sent one with an error. */
  reason?: string;
  /** Whether a hub-protocol Close message arrived (rather than only the transport ending). */
  closeMessage: boolean;
  allowReconnect?: boolean;
  /** The transport-level error the client reported, if any. */
  transportError?: string;
}

export interface HubClient {
  readonly connectionId: string;
  readonly hub: string;
  readonly user: string | undefined;
  /** Every invocation received so far, in arrival order. */
  readonly messages: readonly ReceivedMessage[];
  /** Keep-alive Ping messages received so far (clients handle them silently; `expectPing` counts them). */
  readonly pings: number;
  readonly closed: ClosedInfo | undefined;
  /** Called on each new message and on close; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** `connection.invoke(method, ...args)`: resolves with the result, rejects with the Completion's error. */
  invoke?(method: string, args: readonly unknown[]): Promise<unknown>;
  /** `connection.send(method, ...args)`: resolves once sent (no answer is awaited). */
  send?(method: string, args: readonly unknown[]): Promise<void>;
  stop(): Promise<void>;
}

/** One upstream call as a receiver saw it (the mock's recorder or the runner's own receiver). */
export interface UpstreamCall {
  seq: number;
  hub: string;
  category: string;
  event: string;
  connectionId: string;
  /** Header names as sent (`X-ASRS-User-Id`, ...). */
  headers: Record<string, string>;
  /** JSON bodies as text, MessagePack bodies base64. */
  body: string;
  bodyEncoding: "utf8" | "base64";
}

/** Where `expectUpstream` looks: the calls the upstream received, and the keys their signatures must verify with. */
export interface UpstreamProbe {
  calls(): Promise<UpstreamCall[]>;
  signatureVerifies(header: string | undefined, connectionId: string): boolean;
}

export interface Target {
  readonly kind: "mock" | "live";
  /** What the target is when `kind` alone does not say, for reports (e.g. "running hubkit mock"). */
  readonly description?: string;
  /** REST endpoint without any key, e.g. `http://127.0.0.1:50123` or `https://x.service.signalr.net`. */
  readonly endpoint: string;
  /** True when a second accepted access key is known (`auth: secondary` steps are skipped without one). */
  readonly hasSecondaryKey?: boolean;
  request(request: TargetRequest): Promise<TargetResponse>;
  connect(options: ClientOptions): Promise<HubClient>;
  /**
   * Applies a state fixture (the mock's state-file model). Only a hubkit mock has it, in process or running elsewhere;
   * a live service assigns connection ids itself, so `seed` steps are skipped there and Pact states use real clients.
   * Rejects, changing nothing, when the fixture is invalid.
   */
  seed?(fixture: Fixture): Promise<void>;
  /** The upstream calls made for this target's clients: the mock's recorder, or the runner's receiver. */
  upstream?: UpstreamProbe;
  /** Returns the target to a fresh state before the next test. Only the mock has it. */
  reset?(): Promise<void>;
  /** Fault rules and attempt records (the `fault` and `expectAttempts` steps). Only the mock has them. */
  faults?: FaultControl;
  close(): Promise<void>;
}

/** One logical call as the mock grouped its attempts (same method, target and body within a window). */
export interface AttemptRecord {
  method: string;
  target: string;
  attempts: ReadonlyArray<{ at: number; status: number; retryAfterMs?: number }>;
  gapsMs: readonly number[];
  /** Retries sooner than the Retry-After the previous answer gave. */
  warnings: readonly string[];
}

export interface FaultControl {
  /** Validates and arms rules (a `faults:` list); rejects with a usage error naming each problem. */
  add(rules: unknown[]): Promise<{ warnings: string[] }>;
  clear(): Promise<void>;
  attempts(): Promise<AttemptRecord[]>;
}

/** Creates one target per parallel worker (the mock: one server each; live: the same endpoint). */
export interface TargetFactory {
  readonly kind: "mock" | "live";
  create(): Promise<Target>;
  /** Releases anything shared by the targets it created. */
  close?(): Promise<void>;
}
