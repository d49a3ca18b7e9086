// The event-stream notes of the REST operations that act on clients without a delivery of their own: `:invoke`
// (what the client answered) and `:execute` (which commands reached which connections). Built only while someone
// listens (the dashboard, the admin API's event stream, tests).
import type { InvocationOutcome } from "../invocations.js";
import type { Connection } from "../store.js";
import type { RestCall } from "./types.js";

/** How many connection ids an `:execute` note names (a filter can select thousands). */
const MAX_IDS = 20;

/** `invoke 'GetMessage' on c1: result (json)`; the result and arguments stay out, as deliveries leave them out. */
export function noteInvocation(call: RestCall, connection: Connection, target: string, outcome: InvocationOutcome) {
  const events = call.services.events;
  if (!events?.active) return;
  const what =
    outcome.kind === "result"
      ? `result (${outcome.protocol})`
      : outcome.kind === "error"
        ? `error: ${outcome.error}`
        : outcome.kind === "timeout"
          ? `no answer within ${outcome.afterMs} ms`
          : "the connection closed before it answered";
  events.publish({
    kind: "invoke",
    hub: connection.hub,
    connectionId: connection.id,
    ...(connection.userId === undefined ? {} : { userId: connection.userId }),
    summary: `invoke '${target}' on ${connection.id}: ${what}`,
    detail: { target, outcome: outcome.kind, ...(outcome.kind === "result" ? { protocol: outcome.protocol } : {}) },
  });
}

/** `execute SendMessage 'newMessage', JoinGroup 'g1' on 3 connection(s) (filter: startswith(userId, 'a'))`. */
export function noteExecute(
  call: RestCall,
  commands: ReadonlyArray<{ type: string; group?: string; message?: { target: string } }>,
  selected: readonly Connection[],
  filter: string | undefined,
) {
  const events = call.services.events;
  if (!events?.active) return;
  const described = commands.map((c) =>
    c.group !== undefined ? `${c.type} '${c.group}'` : c.message ? `${c.type} '${c.message.target}'` : c.type,
  );
  events.publish({
    kind: "execute",
    hub: call.hub,
    summary:
      `execute ${described.join(", ") || "no commands"} on ${selected.length} connection(s)` +
      (filter === undefined ? " (no filter: all)" : ` (filter: ${filter})`),
    detail: {
      commands: commands.map((c) => c.type),
      ...(filter === undefined ? {} : { filter }),
      selected: selected.length,
      connectionIds: selected.slice(0, MAX_IDS).map((c) => c.id),
    },
  });
}
