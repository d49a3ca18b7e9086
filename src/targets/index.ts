// Public surface of the targets: the Target seam, the mock, running-mock and live targets, seeding fixtures.
export * from "./fixture.js";
export { createHttpTarget, type HttpTargetOptions } from "./http-target.js";
export { createLiveTargetFactory, type LiveTargetOptions } from "./live-target.js";
export { createMockTarget, createMockTargetFactory, type MockTargetOptions } from "./mock-target.js";
export {
  createConnectionStringTargetFactory,
  createRunningMockTarget,
  isHubkitMock,
  openConnectionStringTarget,
  type RunningMockOptions,
} from "./running-mock-target.js";
export * from "./target.js";
