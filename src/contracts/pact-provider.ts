// Opens the provider a verification runs against: the mock in-process, a separately started hubkit mock, or a live
// service (the last two through a connection string), with the matching provider-state realiser.
import { randomBytes } from "node:crypto";
import { parseConnectionString } from "../auth/index.js";
import { applyFixture, createMockServer } from "../mock/index.js";
import type { RunTarget } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import { createLiveTargetFactory } from "../targets/index.js";
import { createFixtureStates } from "./fixture-states.js";
import { createLiveStates } from "./live-states.js";
import { isHubkitMock, remoteFixtureApplier } from "./mock-admin.js";
import type { PactProvider } from "./verify-pacts.js";

export type ProviderChoice = { kind: "mock" } | { kind: "connection-string"; connectionString: string };

export interface OpenedProvider {
  provider: PactProvider;
  /** For the report: what was verified, never with a key. */
  target: RunTarget;
  close(): Promise<void>;
}

/** `spec`: the entry point's SpecIndex; the in-process mock serves it and live states build their URLs from it. */
export async function openPactProvider(choice: ProviderChoice, spec: SpecIndex): Promise<OpenedProvider> {
  if (choice.kind === "mock") return openInProcessMock(spec);
  const info = parseConnectionString(choice.connectionString);
  const call = { endpoint: info.endpoint, accessKey: info.accessKey };
  if (await isHubkitMock(call)) {
    return {
      provider: {
        baseUrl: info.endpoint,
        accessKey: info.accessKey,
        states: createFixtureStates(remoteFixtureApplier(call)),
      },
      target: { kind: "mock", endpoint: info.endpoint },
      close: async () => undefined,
    };
  }
  const target = await createLiveTargetFactory({ connectionString: choice.connectionString }).create();
  return {
    provider: { baseUrl: info.endpoint, accessKey: info.accessKey, states: createLiveStates(target, spec) },
    target: { kind: "live", endpoint: info.endpoint },
    close: () => target.close(),
  };
}

async function openInProcessMock(spec: SpecIndex): Promise<OpenedProvider> {
  // A fresh key per run, so a verification proves that every request is signed with the key it was given.
  const accessKey = randomBytes(32).toString("base64");
  const server = await createMockServer({ spec, port: 0, host: "127.0.0.1", accessKeys: [accessKey] });
  const states = createFixtureStates(async (fixture) => {
    applyFixture(server.store, fixture, server.spec);
  });
  return {
    provider: { baseUrl: server.url, accessKey, states },
    target: { kind: "mock", endpoint: server.url },
    close: () => server.close(),
  };
}
