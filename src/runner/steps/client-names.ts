// Shared by steps that name a client: the load-time "is it connected before this step?" check and the lookup.
import { suggestClosest } from "../../spec/index.js";
import type { StepValidationContext } from "../../suite/index.js";
import type { ClientInbox } from "../client-inbox.js";
import { StepRunError } from "../step-error.js";
import type { StepContext } from "../step-kind.js";

export const CLIENT_NAME_SCHEMA = {
  type: "string",
  pattern: "^[A-Za-z_][A-Za-z0-9_-]*$",
  "x-expected": "a client name (letters, digits, _ and -), as given to connect",
};

export function requireConnected(name: unknown, kind: string, ctx: StepValidationContext): void {
  const client = String(name);
  if (ctx.clients.has(client)) return;
  const guess = suggestClosest(client, ctx.clients);
  ctx.report([kind], `No client named "${client}" is connected before this step.`, {
    code: "E_SUITE_CLIENT",
    hint: guess ? `Did you mean "${guess}"?` : `Open it first with a \`connect: ${client}\` step in the same test.`,
  });
}

export function clientNamed(ctx: StepContext, name: string): ClientInbox {
  const inbox = ctx.clients.get(name);
  if (!inbox)
    throw new StepRunError(
      "Client not connected",
      `No client named "${name}" is open.`,
      "Check the earlier connect step.",
    );
  return inbox;
}
