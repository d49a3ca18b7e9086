// The mock target: hubkit's stateful mock started in-process on a free port, one per worker, reset before each test.
import { randomBytes } from "node:crypto";
import { applyFixture, createMockServer, type Fixture, type MockServerOptions } from "../mock/index.js";
import { createHttpTarget } from "./http-target.js";
import type { Target, TargetFactory } from "./target.js";

export interface MockTargetOptions {
  /** Passed to `createMockServer` (port and host are always 0 and 127.0.0.1). */
  server?: Omit<MockServerOptions, "port" | "host">;
}

export function createMockTargetFactory(options: MockTargetOptions = {}): TargetFactory {
  return { kind: "mock", create: () => createMockTarget(options) };
}

export async function createMockTarget(options: MockTargetOptions = {}): Promise<Target> {
  // A fresh key per server, so a run proves that the runner signs with whatever key it is given.
  const accessKey = options.server?.accessKeys?.[0] ?? randomBytes(32).toString("base64");
  const server = await createMockServer({ ...options.server, accessKeys: [accessKey], port: 0, host: "127.0.0.1" });
  return createHttpTarget({
    kind: "mock",
    endpoint: server.url,
    accessKey,
    seed: async (fixture) => {
      applyFixture(server.store, (fixture ?? {}) as Fixture, server.spec.names);
    },
    reset: async () => server.store.reset(),
    onClose: () => server.close(),
  });
}
