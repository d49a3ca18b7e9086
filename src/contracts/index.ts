// Public surface of the contracts module: pact verification, the provider-state vocabulary, the static check.

export { createRunResult, type RunResultOptions } from "../results/create-run-result.js";
export { DEFAULT_CONTRACTS_DIR, findPactFiles } from "./find-pact-files.js";
export { createFixtureStates, type FixtureApplier } from "./fixture-states.js";
export {
  formatVerdict,
  formatVerdictHead,
  type InteractionVerdict,
  type VerdictOutcome,
  verdictToTest,
} from "./interaction-verdict.js";
export { createLiveStates } from "./live-states.js";
export { isHubkitMock, remoteFixtureApplier } from "./mock-admin.js";
export {
  type PactFile,
  type PactInteraction,
  type PactProviderState,
  type PactRequest,
  type PactResponse,
  parsePact,
  readPactFile,
} from "./pact-file.js";
export { type OpenedProvider, openPactProvider, type ProviderChoice } from "./pact-provider.js";
export {
  PROVIDER_STATES,
  type ProviderState,
  type ProviderStateName,
  parseProviderState,
  type StateDefinition,
  unknownStateMessage,
} from "./provider-states.js";
export type { StateRealiser } from "./state-realiser.js";
export {
  checkInteraction,
  checkPactAgainstSpec,
  operationOf,
  type StaticInteractionResult,
  type StaticMismatch,
  type StaticMismatchKind,
} from "./static-check.js";
export { checkStatically } from "./static-verdicts.js";
export { type PactProvider, type VerifyPactsOptions, verifyPacts } from "./verify-pacts.js";
