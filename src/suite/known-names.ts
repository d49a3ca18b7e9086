// The names a template may use besides suite variables and captures, shared by the loader and the runner.

/**
 * Set by the runner: `${run.id}` is unique per run, `${test.id}` per test execution (run id + test number),
 * `${target.endpoint}` is the REST endpoint under test (for audiences written out in full, e.g. the docs' form).
 */
export const BUILTIN_NAMES = ["run.id", "test.id", "target.endpoint"] as const;

/**
 * After `connect: alice`: `${alice.connectionId}`, `${alice.user}`, `${alice.hub}`, and `${alice.connectionIdOtherCase}`
 * (the id with the case of every letter flipped: connection ids are ordinal, so it names no live connection).
 */
export const CLIENT_PROPERTIES = ["connectionId", "user", "hub", "connectionIdOtherCase"] as const;

export const ENV_PREFIX = "env.";

/** `${secret.NAME}` reads the environment like `${env.NAME}` and marks the value secret (redacted in every output). */
export const SECRET_PREFIX = "secret.";
