import { defineConfig } from "vitest/config";
import { measureSlowdown, scaled } from "./test/support/slowdown.js";

// Timeouts are written for a quiet machine and stretched by how contended the cores are when the run starts, so a
// loaded CI box gets more time instead of failing (test/support/slowdown.ts). Tests wait on events, not on these.
const slowdown = measureSlowdown();

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    // e2e tests spawn bin/hubkit.js, which runs dist/: build it first when src/ changed.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: scaled(30_000, slowdown),
    hookTimeout: scaled(30_000, slowdown),
    // Tests share a slow 2-core machine with real sockets: keep parallelism modest.
    maxWorkers: 2,
    env: { PACT_DO_NOT_TRACK: "true", HUBKIT_TEST_SLOWDOWN: String(slowdown) },
  },
});
