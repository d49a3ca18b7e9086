// The programmatic API of signalr-hubkit (`import { startMock } from "signalr-hubkit"`): the only public entry point.
export { HubkitError } from "../errors.js";
export type { VirtualConnectionRecord } from "../mock/admin/virtual-connections.js";
export type { Fixture, FixtureSummary } from "../mock/fixtures/index.js";
export type { StoreSnapshot } from "../mock/store.js";
export type { HubHandlers, HubMethodContext, HubMethodHandler } from "../mock/upstream/hub-handlers.js";
export type { UpstreamOptions, UpstreamRecord } from "../mock/upstream/index.js";
export type {
  HttpHit,
  Outcome,
  RunMetadata,
  RunResult,
  RunSummary,
  StepResult,
  SuiteSource,
  TestResult,
} from "../results/result.js";
export { type RunSuitesOptions, runSuites } from "./run-suites.js";
export { type MockAdmin, type RunningMock, type StartMockOptions, startMock } from "./start-mock.js";
export { type VerifyPactsOptions, type VerifyPactsResult, verifyPacts } from "./verify-pacts.js";
