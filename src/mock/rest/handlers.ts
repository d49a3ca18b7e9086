// Every REST handler by operationId, and the startup check that handlers and spec operations match one to one.
import type { Operation } from "../../spec/index.js";
import { connectionHandlers } from "./connections.js";
import { groupHandlers } from "./groups.js";
import { healthHandlers } from "./health.js";
import { hubHandlers } from "./hub.js";
import { newerHandlers } from "./newer-handlers.js";
import type { HandlerTable, RestHandler } from "./types.js";
import { userHandlers } from "./users.js";

export const restHandlers: HandlerTable = {
  ...healthHandlers,
  ...hubHandlers,
  ...connectionHandlers,
  ...groupHandlers,
  ...userHandlers,
  ...newerHandlers,
};

/** Handlers a spec may leave unused: a 2022-06-01 index has none of the newer operations. */
const OPTIONAL = new Set(Object.keys(newerHandlers));

/** Throws when an operation has no handler or a handler names no operation, so drift fails at startup. */
export function bindHandlers(
  operations: readonly Operation[],
  handlers: HandlerTable = restHandlers,
): Map<string, RestHandler> {
  const ids = new Set(operations.map((o) => o.operationId));
  const missing = [...ids].filter((id) => !Object.hasOwn(handlers, id));
  const extra = Object.keys(handlers).filter((id) => !ids.has(id) && !OPTIONAL.has(id));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      missing.length > 0 ? `operations without a handler: ${missing.join(", ")}` : "",
      extra.length > 0 ? `handlers for no spec operation: ${extra.join(", ")}` : "",
    ].filter(Boolean);
    throw new Error(`The mock's REST handlers do not match the spec (${parts.join("; ")}).`);
  }
  return new Map(operations.map((o) => [o.operationId, handlers[o.operationId]!]));
}
