// HealthApi_*: the service-status probe (anonymous; the spec marks it `security: []`).
import type { HandlerTable } from "./types.js";

export const healthHandlers: HandlerTable = {
  // The mock is healthy whenever it can answer.
  HealthApi_GetServiceStatus: () => {},
};
