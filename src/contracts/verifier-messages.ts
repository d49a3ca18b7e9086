// The messages between hubkit and the child process that runs the Pact Verifier (its native core prints to stdout,
// so it runs in a child whose output hubkit controls; provider states are realised back in hubkit over IPC).

export interface VerifyRequestMessage {
  type: "verify";
  pactFile: string;
  provider: string;
  providerBaseUrl: string;
  /** Signs a fresh token per request; sent over IPC, never through argv or the environment. */
  accessKey: string;
  apiVersion: string;
  /** Per-request timeout of the verifier, milliseconds. */
  requestTimeoutMs: number;
}

export interface StateResultMessage {
  type: "state-result";
  id: number;
  /** Values Pact injects into requests that use `fromProviderState` expressions. */
  values?: Record<string, unknown>;
}

export type ParentMessage = VerifyRequestMessage | StateResultMessage;

export interface StateCallMessage {
  type: "state";
  id: number;
  action: "setup" | "teardown";
  /** `""` when the interaction has no provider state (the verifier still calls, which is when state is reset). */
  state: string;
  params: Record<string, unknown>;
}

export interface DoneMessage {
  type: "done";
  /** The verifier's JSON result (`pactffi_verifier_json`), whether it passed or failed. */
  json: string;
}

export interface CrashMessage {
  type: "crash";
  message: string;
}

export type ChildMessage = StateCallMessage | DoneMessage | CrashMessage;
