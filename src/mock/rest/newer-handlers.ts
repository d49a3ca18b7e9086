// Handlers of the operations added after 2022-06-01 (served when the mock's SpecIndex has them).
import { clientInvocationHandlers } from "./client-invocations.js";
import { clientTokenHandlers } from "./client-tokens.js";
import { executeHandlers } from "./execute.js";
import { groupMemberHandlers } from "./group-members.js";
import type { HandlerTable } from "./types.js";

export const newerHandlers: HandlerTable = {
  ...clientTokenHandlers,
  ...executeHandlers,
  ...groupMemberHandlers,
  ...clientInvocationHandlers,
};
