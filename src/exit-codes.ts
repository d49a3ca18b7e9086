// The one table of hubkit's process exit codes: every command, gate and usage error answers with one of these.

/** Each exit code with what it means to a CI job; docs/errors.md is generated from this table. */
export const EXIT_CODES = {
  /** Everything ran and every gate passed. */
  ok: 0,
  /** Tests, interactions or exchanges failed or errored, the pass gate was missed, or `diff` found regressions. */
  failed: 1,
  /** Alias of `failed` for the CI gate: below --min-pass. */
  passGate: 1,
  /** A usage error: bad flags, suites, state files, connection strings (see the usage-error catalogue). */
  usage: 2,
  /** Below --min-coverage (the pass gate met). */
  coverageGate: 3,
  /** Below both --min-pass and --min-coverage. */
  bothGates: 4,
  /** An exception no code expected: a bug in hubkit, printed with its stack. */
  unexpected: 1,
} as const;

type ExitCodeName = keyof typeof EXIT_CODES;
export type ExitCode = (typeof EXIT_CODES)[ExitCodeName];

/** 0 when nothing failed or errored, else 1: how `verify` and `proxy` end. */
export function outcomeExitCode(summary: { failed: number; errored: number }): ExitCode {
  return summary.failed + summary.errored > 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
}

/** What each distinct exit code means, for the generated docs (one row per number). */
export const EXIT_CODE_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: "Everything ran and every gate passed (`diff`: no regression).",
  1: "Tests, pact interactions or proxied exchanges failed or errored; below `--min-pass`; `diff` found regressions (any change with `--strict`); or an unexpected error (a bug in hubkit, printed with its stack).",
  2: "A usage error: a bad flag, suite, state file, settings file, pact file or connection string. The message names the code, the file position and a hint; look the code up below.",
  3: "Below `--min-coverage` (the pass gate met).",
  4: "Below both `--min-pass` and `--min-coverage`.",
};
