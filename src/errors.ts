// Usage errors: bad flags, bad suites, bad config. Each has a stable code and, where it has one, a file position.

/** Where in a user's file a problem was found (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface HubkitErrorOptions {
  /** Stable machine-readable code, e.g. `E_SUITE_INVALID`, `E_CONNECTION_STRING`. */
  code: string;
  /** What to do about it, written for a newcomer. */
  hint?: string;
  position?: SourcePosition;
  cause?: unknown;
}

/** A problem the user can fix. The CLI prints it once (with its position) and exits with code 2. */
export class HubkitError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly position: SourcePosition | undefined;

  constructor(message: string, options: HubkitErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "HubkitError";
    this.code = options.code;
    this.hint = options.hint;
    this.position = options.position;
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

/** Renders a usage error as `file:line:col: message` plus an indented hint, the format every command prints. */
export function formatHubkitError(error: HubkitError): string {
  const one = (e: HubkitError): string => {
    const where = e.position ? `${e.position.file}:${e.position.line}:${e.position.column}: ` : "";
    const hint = e.hint ? `\n    hint: ${e.hint}` : "";
    return `${where}${e.message} [${e.code}]${hint}`;
  };
  if (error instanceof HubkitErrorList) return error.problems.map(one).join("\n");
  return one(error);
}
