// The values of the environment variables suites mark secret: what every output must redact, as keys and tokens.
import type { LoadedSuite } from "./types.js";

/**
 * Each secret's value, once; unset and empty variables are skipped. Any length is redacted: a short value blanks
 * some ordinary text in the reports, which is preferred to leaking it.
 */
export function suiteSecretValues(
  suites: readonly Pick<LoadedSuite, "secrets">[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const values = new Set<string>();
  for (const suite of suites) {
    for (const name of suite.secrets) {
      const value = env[name];
      if (value) values.add(value);
    }
  }
  return [...values];
}
