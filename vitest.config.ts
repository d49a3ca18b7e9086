import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    // e2e tests spawn bin/hubkit.js, which runs dist/: build it first when src/ changed.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests share a slow 2-core machine with real sockets: keep parallelism modest.
    maxWorkers: 2,
    env: { PACT_DO_NOT_TRACK: "true" },
  },
});
