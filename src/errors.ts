// Usage errors: bad flags, bad suites, bad config. Each has a code of the catalogue and, where it has one, a position.
import { USAGE_ERRORS, type UsageErrorCode } from "./error-catalogue.js";

export type { UsageErrorCode } from "./error-catalogue.js";

/** Where in a user's file a problem was found (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface HubkitErrorOptions {
  /** Stable machine-readable code of the catalogue (src/error-catalogue.ts, docs/errors.md), e.g. `E_SUITE_INVALID`. */
  code: UsageErrorCode;
  /** What to do about it, written for a newcomer; the catalogue's hint for `code` when absent. */
  hint?: string;
  position?: SourcePosition;
  cause?: unknown;
}

/** A problem the user can fix. The CLI prints it once (with its position) and exits with its catalogue exit code. */
export class HubkitError extends Error {
  readonly code: UsageErrorCode;
  /** The call site's hint; `formatHubkitError` falls back to the catalogue's, so every printed error has one. */
  readonly hint: string | undefined;
  readonly position: SourcePosition | undefined;

  constructor(message: string, options: HubkitErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "HubkitError";
    this.code = options.code;
    this.hint = options.hint;
    this.position = options.position;
  }

  /** The catalogue's exit code for this error. */
  get exitCode(): number {
    return USAGE_ERRORS[this.code].exitCode;
  }
}

/** Several usage problems found in one pass (the suite loader reports all of them at once). */
export class HubkitErrorList extends HubkitError {
  readonly problems: readonly HubkitError[];

  constructor(problems: readonly HubkitError[], summary = `${problems.length} problem(s) found`) {
    super(summary, { code: problems[0]?.code ?? "E_INVALID" });
    this.name = "HubkitErrorList";
    this.problems = problems;
  }
}

/** One validator's problem before it becomes a `HubkitError` (settings, fixtures, faults). */
export interface Problem {
  message: string;
  hint?: string | undefined;
  position?: SourcePosition | undefined;
}

/** The validators' shared ending: every problem as a `HubkitError` of `code`, in one list under `summary`. */
export function problemList(code: UsageErrorCode, problems: readonly Problem[], summary: string): HubkitErrorList {
  return new HubkitErrorList(
    problems.map(
      (p) =>
        new HubkitError(p.message, {
          code,
          ...(p.position ? { position: p.position } : {}),
          ...(p.hint ? { hint: p.hint } : {}),
        }),
    ),
    summary,
  );
}

/**
 * Renders a usage error as `file:line:col: message [CODE]` plus an indented hint, the format every command prints.
 * In a list, a catalogue hint is printed under the first problem of its code only.
 */
export function formatHubkitError(error: HubkitError): string {
  const hinted = new Set<string>();
  const one = (e: HubkitError): string => {
    const where = e.position ? `${e.position.file}:${e.position.line}:${e.position.column}: ` : "";
    const repeated = e.hint === undefined && hinted.has(e.code);
    if (e.hint === undefined) hinted.add(e.code);
    const hint = repeated ? "" : `\n    hint: ${e.hint ?? USAGE_ERRORS[e.code].hint}`;
    return `${where}${e.message} [${e.code}]${hint}`;
  };
  if (error instanceof HubkitErrorList) return error.problems.map(one).join("\n");
  return one(error);
}
