// Opens the provider a verification runs against as a Target (the mock in process, a hubkit mock running elsewhere,
// or a live service) with the matching provider-state realiser: a target that can be seeded gets fixture states.
import { randomBytes } from "node:crypto";
import { parseConnectionString } from "../auth/index.js";
import type { RunTarget } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import { createMockTarget, openConnectionStringTarget, type Target } from "../targets/index.js";
import { createFixtureStates } from "./fixture-states.js";
import { createLiveStates } from "./live-states.js";
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
  const { target, accessKey } = await openTarget(choice, spec);
  const states = isSeedable(target) ? createFixtureStates(target) : createLiveStates(target, spec);
  return {
    provider: { baseUrl: target.endpoint, accessKey, states },
    target: { kind: target.kind, endpoint: target.endpoint },
    close: () => target.close(),
  };
}

async function openTarget(choice: ProviderChoice, spec: SpecIndex): Promise<{ target: Target; accessKey: string }> {
  if (choice.kind === "connection-string") {
    const target = await openConnectionStringTarget(choice.connectionString);
    // The verifier child signs each request itself, so it needs the key the connection string carries.
    return { target, accessKey: parseConnectionString(choice.connectionString).accessKey };
  }
  // A fresh key per run, so a verification proves that every request is signed with the key it was given.
  const accessKey = randomBytes(32).toString("base64");
  const target = await createMockTarget({ server: { spec, accessKeys: [accessKey] } });
  return { target, accessKey };
}

function isSeedable(target: Target): target is Target & Required<Pick<Target, "seed">> {
  return target.seed !== undefined;
}
