// The seam between pact verification and a provider: how provider states become real on the mock or a live service.
import type { PactInteraction } from "./pact-file.js";
import type { ProviderState } from "./provider-states.js";

export interface StateRealiser {
  readonly kind: "mock" | "live";
  /** Why this provider cannot realise the state for this interaction (it is then skipped), or undefined. */
  whyNot(state: ProviderState, interaction: PactInteraction): string | undefined;
  /** Called before the first state of every interaction (and once stateless interactions start): a clean slate. */
  reset(): Promise<void>;
  /** Realises one state on top of the interaction's earlier ones; returns values Pact may inject into the request. */
  setup(state: ProviderState): Promise<Record<string, unknown> | undefined>;
  /** Undoes whatever is left (live clients, user-group pairs) after the last interaction. */
  close(): Promise<void>;
}
