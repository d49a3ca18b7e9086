// Public surface of the Prism module: the stateless spec mock and the recording validation proxy.
export { type PrismMock, type PrismMockOptions, startPrismMock } from "./prism-mock.js";
export { type PrismOptions, type PrismProcess, startPrism } from "./prism-process.js";
export { judgeRecord, PROXY_FILE, type ProxyRecord, recordToTest } from "./proxy-record.js";
export { startValidationProxy, type ValidationProxy, type ValidationProxyOptions } from "./validation-proxy.js";
export { isError, parseViolations, prismFailure, type Violation } from "./violations.js";
