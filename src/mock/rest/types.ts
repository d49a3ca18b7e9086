// What a REST handler receives and returns: a validated call in, nothing out (the spec names the success status).
import type { Clock } from "../../clock.js";
import type { MockHttpError } from "../errors.js";
import type { MockEvents } from "../events.js";
import type { ClientInvocations } from "../invocations.js";
import type { Store } from "../store.js";
import type { QueryValues } from "./query.js";

/** A `PayloadMessage` body after case-insensitive property matching. */
export interface PayloadMessage {
  target: string;
  arguments: readonly unknown[];
}

/** One validated REST call. Built once per request; handlers only read it. */
export interface RestCall {
  readonly store: Store;
  /** The effective hub (`lower(application)_lower(hub)` or `lower(hub)`), as clients connect with `?hub=`. */
  readonly hub: string;
  /** Decoded path parameters by spec name (`hub`, `group`, `user`, `connectionId`). */
  readonly params: Readonly<Record<string, string>>;
  /** `excluded` connection ids; undefined when absent. */
  readonly excluded: readonly string[] | undefined;
  readonly reason: string | undefined;
  readonly ttl: number | undefined;
  /** The body, on operations that take one. */
  readonly message: PayloadMessage | undefined;
  /** The parsed JSON body of operations whose body is not a PayloadMessage (`:execute`). */
  readonly body?: unknown;
  /** Every query value by lower-cased name (names are matched case-insensitively, as ASP.NET binds them). */
  readonly query: QueryValues;
  /** `scheme://host[:port]` as the caller reached the mock (absolute `nextLink`s, client token audiences). */
  readonly origin: string;
  /** The request path as sent (still percent-encoded). */
  readonly rawPath: string;
  readonly services: RestServices;
}

/** What the newer operations need beyond the Store. */
export interface RestServices {
  /** The first signs client tokens and is what `/api/auth/accessKey` hands out. */
  readonly accessKeys: readonly string[];
  readonly clock: Clock;
  readonly invocations: ClientInvocations;
  /** Signs continuation tokens (random per mock instance, so a forged token fails). */
  readonly cursorSecret: Buffer;
  /** The mock's event stream, for the notes of `:invoke` and `:execute` (absent: nothing is published). */
  readonly events?: MockEvents;
}

/** A success answer with a JSON body (the 2019-era operations answer with empty bodies instead). */
export interface RestReply {
  readonly kind: "reply";
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Performs an operation. Returning nothing means success, answered with the operation's documented 2xx status and
 * an empty body; an expected failure (a 404) is returned as a `MockHttpError`, not thrown, because exceptions are
 * dear on the hot path and these answers are routine.
 */
export type RestHandler = (
  call: RestCall,
  // biome-ignore lint/suspicious/noConfusingVoidType: success handlers simply end, without `return undefined`.
) => MockHttpError | RestReply | void | Promise<MockHttpError | RestReply | undefined>;

/** Handlers of one resource file, keyed by the spec's operationId. */
export type HandlerTable = Readonly<Record<string, RestHandler>>;
