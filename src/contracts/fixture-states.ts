// Provider states on a hubkit mock: each interaction's states accumulate into one fixture, seeded with a reset.

import { effectiveHubName } from "../spec/index.js";
import type { ConnectionFixture, Fixture, HubFixture } from "../targets/index.js";
import type { ProviderState } from "./provider-states.js";
import type { StateRealiser } from "./state-realiser.js";

/**
 * Seeds through the Target, as the suite runner's `seed` step does: the mock in process, or one running elsewhere
 * (its admin API), look the same here.
 */
export function createFixtureStates(target: { seed(fixture: Fixture): Promise<void> }): StateRealiser {
  const apply = (fixture: Fixture) => target.seed(fixture);
  let hubs = new Map<string, HubFixture>();
  return {
    kind: "mock",
    whyNot: () => undefined,
    async reset() {
      hubs = new Map();
      await apply({ reset: true });
    },
    async setup(state) {
      const values = addState(hubs, state);
      // Re-applying the whole interaction's fixture from a reset keeps the result independent of state order quirks.
      await apply({ reset: true, hubs: Object.fromEntries(hubs) });
      return values;
    },
    async close() {
      hubs = new Map();
    },
  };
}

/** Merges one state into the interaction's fixture; returns the values to inject (params plus chosen ids). */
export function addState(hubs: Map<string, HubFixture>, state: ProviderState): Record<string, unknown> {
  const key = effectiveHubName(state.hub, state.application);
  const hub = hubs.get(key) ?? {};
  hubs.set(key, hub);
  const { name: _name, ...values } = state;
  switch (state.name) {
    case "hub is empty":
      hub.connections = [];
      hub.userGroups = [];
      return values;
    case "connection exists":
      upsertConnection(hub, { id: state.connectionId, user: state.userId });
      return values;
    case "connection in group":
      upsertConnection(hub, { id: state.connectionId, user: state.userId, group: state.group });
      return values;
    case "user connected": {
      const id = state.connectionId ?? `${state.userId}-connection`;
      upsertConnection(hub, { id, user: state.userId });
      return { ...values, connectionId: id };
    }
    case "user in group":
      hub.userGroups = [
        ...(hub.userGroups ?? []),
        { user: state.userId, group: state.group, ...(state.ttl === undefined ? {} : { ttl: state.ttl }) },
      ];
      return values;
  }
}

function upsertConnection(hub: HubFixture, wanted: { id: string; user?: string; group?: string }): void {
  hub.connections ??= [];
  const connections = hub.connections as ConnectionFixture[];
  let connection = connections.find((c) => c.id === wanted.id);
  if (!connection) {
    connection = { id: wanted.id };
    connections.push(connection);
  }
  if (wanted.user !== undefined) {
    if (connection.user !== undefined && connection.user !== wanted.user) {
      throw new Error(
        `connection ${wanted.id} is given to user "${connection.user}" and to user "${wanted.user}" in one interaction`,
      );
    }
    connection.user = wanted.user;
  }
  if (wanted.group !== undefined && !connection.groups?.includes(wanted.group)) {
    connection.groups = [...(connection.groups ?? []), wanted.group];
  }
}
