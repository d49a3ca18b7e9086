// The mock target: hubkit's stateful mock started in-process on a free port, one per worker, reset before each test.
import { randomBytes } from "node:crypto";
import { applyFixture, createMockServer, type MockServerOptions } from "../mock/index.js";
import { createHttpTarget } from "./http-target.js";
import { mockUpstreamProbe, resetUpstream, seedUpstream } from "./mock-upstream-probe.js";
import type { Target, TargetFactory } from "./target.js";

export interface MockTargetOptions {
  /** Passed to `createMockServer` (port and host are always 0 and 127.0.0.1). */
  server?: Omit<MockServerOptions, "port" | "host">;
}

/** Rules armed by a suite (`fault:` and `seed:` steps) carry this source, so each test starts without them. */
const SUITE_SOURCE = "suite";

export function createMockTargetFactory(options: MockTargetOptions = {}): TargetFactory {
  return { kind: "mock", create: () => createMockTarget(options) };
}

export async function createMockTarget(options: MockTargetOptions = {}): Promise<Target> {
  // A fresh key per server, so a run proves that the runner signs with whatever key it is given.
  const accessKey = options.server?.accessKeys?.[0] ?? randomBytes(32).toString("base64");
  // Two keys, as a resource has (primary and secondary), so `auth: secondary` steps run here too.
  const secondaryAccessKey = options.server?.accessKeys?.[1] ?? randomBytes(32).toString("base64");
  const server = await createMockServer({
    ...options.server,
    accessKeys: [accessKey, secondaryAccessKey],
    port: 0,
    host: "127.0.0.1",
  });
  const initialTemplates = server.upstream.getTemplates();
  return createHttpTarget({
    kind: "mock",
    endpoint: server.url,
    accessKey,
    secondaryAccessKey,
    seed: async (fixture) => {
      const state = fixture ?? {};
      if (state.faults) server.faults.add(state.faults, SUITE_SOURCE);
      applyFixture(server.store, state, server.spec);
      seedUpstream(server, state);
    },
    reset: async () => {
      server.store.reset();
      resetUpstream(server, initialTemplates);
      // Rules a test armed end with it; rules the run was started with stay.
      server.faults.set.clearSource(SUITE_SOURCE);
      server.faults.attempts.clear();
    },
    upstream: mockUpstreamProbe(server),
    faults: {
      add: async (rules) => ({ warnings: server.faults.add(rules, SUITE_SOURCE).warnings.map((w) => w.message) }),
      clear: async () => {
        server.faults.set.clearSource(SUITE_SOURCE);
      },
      attempts: async () => server.faults.attempts.list(),
    },
    onClose: () => server.close(),
  });
}
