// What a REST handler receives and returns: a validated call in, nothing out (the spec names the success status).
import type { MockHttpError } from "../errors.js";
import type { Store } from "../store.js";

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
}

/**
 * Performs an operation. Returning nothing means success, answered with the operation's documented 2xx status and
 * an empty body; an expected failure (a 404) is returned as a `MockHttpError`, not thrown, because exceptions are
 * dear on the hot path and these answers are routine.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: success handlers simply end, without `return undefined`.
export type RestHandler = (call: RestCall) => MockHttpError | void;

/** Handlers of one resource file, keyed by the spec's operationId. */
export type HandlerTable = Readonly<Record<string, RestHandler>>;
