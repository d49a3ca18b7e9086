import { configDefaults, defineConfig } from "vitest/config";
import { measureSlowdown, scaled } from "./test/support/slowdown.js";

// Timeouts are written for a quiet machine and stretched by how contended the cores are when the run starts, so a
// loaded CI box gets more time instead of failing (test/support/slowdown.ts). Tests wait on events, not on these.
const slowdown = measureSlowdown();

/**
 * test/package/ packs and installs the package as a user gets it: a real `npm pack` and `npm install` that cannot
 * fit the 20 s a file `npm test` allows, so it is its own step, `npm run test:package` (`vitest run --mode package`),
 * which CI runs after `npm test`.
 */
const PACKAGE_TESTS = "test/package/**/*.test.ts";

export default defineConfig(({ mode }) => ({
  test: {
    include: mode === "package" ? [PACKAGE_TESTS] : ["test/**/*.test.ts", "examples/**/*.test.ts"],
    exclude: mode === "package" ? configDefaults.exclude : [...configDefaults.exclude, PACKAGE_TESTS],
    // e2e tests spawn bin/hubkit.js, which runs dist/: build it first when src/ changed.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: scaled(30_000, slowdown),
    hookTimeout: scaled(30_000, slowdown),
    // Tests share a slow 2-core machine with real sockets: keep parallelism modest.
    maxWorkers: 2,
    // A worker keeps one module graph for all the files it runs instead of re-importing the spec, ajv, Prism's client,
    // Pact and SignalR for every file: the whole run went from 256 s to 140 s on a quiet 2-core machine. The price is
    // that a file must not depend on fresh module state: none uses vi.mock, and none writes process.env.
    isolate: false,
    env: { PACT_DO_NOT_TRACK: "true", HUBKIT_TEST_SLOWDOWN: String(slowdown) },
  },
}));
