// Provider states on a live service: real client connections and REST calls, undone before the next interaction.
import type { SpecIndex, UrlQueryValue } from "../spec/index.js";
import type { HubClient, Target } from "../targets/index.js";
import type { PactInteraction } from "./pact-file.js";
import type { ProviderState } from "./provider-states.js";
import type { StateRealiser } from "./state-realiser.js";

/** The Pact provider-state expression a consumer writes for the connection id. */
const CONNECTION_ID_EXPRESSION = `\${connectionId}`;

interface Scope {
  hub: string;
  application?: string;
}

export function createLiveStates(target: Target, spec: SpecIndex): StateRealiser {
  let clients: Array<{ scope: Scope; client: HubClient }> = [];
  let pairs: Array<{ scope: Scope; user: string; group: string }> = [];

  const rest = async (
    operationId: string,
    scope: Scope,
    params: Record<string, string>,
    extra: Record<string, UrlQueryValue> = {},
  ) => {
    const operation = spec.operation(operationId)!;
    const query = { ...extra, ...(scope.application ? { application: scope.application } : {}) };
    const pathAndQuery = spec.url(operationId, { hub: scope.hub, ...params }, query);
    const method = operation.method;
    const response = await target.request({ method, pathAndQuery, auth: "valid" });
    if (response.status >= 300) {
      throw new Error(
        `${method} ${pathAndQuery} answered ${response.status}${response.body ? `: ${response.body}` : ""}`,
      );
    }
  };
  const connect = async (scope: Scope, user: string | undefined) => {
    const client = await target.connect({
      hub: scope.hub,
      ...(scope.application ? { application: scope.application } : {}),
      ...(user === undefined ? {} : { user }),
    });
    clients.push({ scope, client });
    return client.connectionId;
  };
  const undo = async () => {
    const open = clients;
    const added = pairs;
    clients = [];
    pairs = [];
    await Promise.allSettled(open.map(({ client }) => client.stop()));
    await Promise.allSettled(
      added.map((p) => rest("SignalR_RemoveUserFromGroup", p.scope, { user: p.user, group: p.group })),
    );
  };

  return {
    kind: "live",
    whyNot,
    reset: undo,
    close: undo,
    async setup(state) {
      const scope: Scope = { hub: state.hub, ...(state.application ? { application: state.application } : {}) };
      const { name: _name, ...values } = state;
      switch (state.name) {
        case "hub is empty":
          await rest("SignalR_CloseConnections", scope, {}, { reason: "hubkit provider state: hub is empty" });
          return values;
        case "connection exists":
          return { ...values, connectionId: await connect(scope, state.userId) };
        case "connection in group": {
          const connectionId = await connect(scope, state.userId);
          await rest("SignalR_AddConnectionToGroup", scope, { group: state.group, connectionId });
          return { ...values, connectionId };
        }
        case "user connected":
          return { ...values, connectionId: await connect(scope, state.userId) };
        case "user in group": {
          const ttl = state.ttl === undefined ? {} : { ttl: state.ttl };
          await rest("SignalR_AddUserToGroup", scope, { user: state.userId, group: state.group }, ttl);
          pairs.push({ scope, user: state.userId, group: state.group });
          return values;
        }
      }
    },
  };
}

/**
 * A live service assigns connection ids itself. A state that names one is still realisable when the request does not
 * use that id, or when the consumer let the provider inject it (`fromProviderState("...${connectionId}...")`).
 */
function whyNot(state: ProviderState, interaction: PactInteraction): string | undefined {
  if (!("connectionId" in state) || state.connectionId === undefined) return undefined;
  if (interaction.request.injectedPath?.includes(CONNECTION_ID_EXPRESSION)) return undefined;
  if (!usesValue(interaction, state.connectionId)) return undefined;
  return (
    `provider state "${state.name}" names connection id "${state.connectionId}", which the request uses, but a ` +
    "live service assigns connection ids itself; write the request path with " +
    `fromProviderState('...${CONNECTION_ID_EXPRESSION}...') in the consumer test so hubkit can inject the real id, or verify ` +
    "against the mock"
  );
}

function usesValue(interaction: PactInteraction, value: string): boolean {
  const { path, query, body } = interaction.request;
  if (path.split("/").includes(value)) return true;
  if (Object.values(query).some((values) => values.includes(value))) return true;
  return body !== undefined && JSON.stringify(body).includes(JSON.stringify(value));
}
