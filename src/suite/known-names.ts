// The names a template may use besides suite variables and captures, shared by the loader and the runner.

/** Set by the runner: `${run.id}` is unique per run, `${test.id}` per test execution (run id + test number). */
export const BUILTIN_NAMES = ["run.id", "test.id"] as const;

/** After `connect: alice`: `${alice.connectionId}`, `${alice.user}`, `${alice.hub}`. */
export const CLIENT_PROPERTIES = ["connectionId", "user", "hub"] as const;

export const ENV_PREFIX = "env.";
