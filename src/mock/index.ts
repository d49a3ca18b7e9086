// Public surface of the stateful mock: server, handler, store, fixtures and the REST error vocabulary.
export type { VirtualConnectionRecord } from "./admin/virtual-connections.js";
export { VirtualConnections } from "./admin/virtual-connections.js";
export { type ErrorDetail, MockErrorCodes, MockHttpError } from "./errors.js";
export {
  type AttemptGroup,
  FAULT_PROFILES,
  FAULTS_INVALID,
  type FaultRule,
  MockFaults,
  type RuleStatus,
  validateFaults,
} from "./faults/index.js";
export {
  applyFixture,
  type ConnectionFixture,
  type Fixture,
  type FixtureSummary,
  type HubFixture,
  loadFixtureFile,
  parseFixture,
  type ServerSettings,
  type UserGroupFixture,
} from "./fixtures/index.js";
export { InMemoryStore } from "./in-memory-store.js";
export type { RecordedMessage } from "./messages.js";
export { createRequestLog, type RequestLog, redactRequestTarget } from "./request-log.js";
export { MAX_BODY_BYTES } from "./rest/read-body.js";
export {
  createMockHandler,
  createMockServer,
  DEFAULT_ACCESS_KEY,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type MockHandler,
  type MockOptions,
  type MockServer,
  type MockServerOptions,
} from "./server.js";
export { type Connection, effectiveHubName, type Store, type StoreSnapshot } from "./store.js";
export {
  FUNCTIONS_DEFAULT_URL,
  type HubHandlers,
  type HubMethodContext,
  type HubMethodHandler,
  templateFor,
  UpstreamDispatcher,
  type UpstreamOptions,
  type UpstreamRecord,
  type UpstreamTemplate,
} from "./upstream/index.js";
export { VirtualConnectionSink } from "./virtual-connection.js";
