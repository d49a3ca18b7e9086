// Expected text written as a literal or as `/regex/flags`: used by error, header, message and close matchers.

export interface TextPattern {
  /** As written in the suite, for messages (`/not found/i`, `Warning.Connection.NotExisted`). */
  readonly source: string;
  test(actual: string): boolean;
}

const REGEX_LITERAL = /^\/(.*)\/([dgimsuvy]*)$/s;

/** True for `/.../flags`: such a string is a regular expression, anything else is compared as is. */
export function isRegexLiteral(text: string): boolean {
  return text.length >= 2 && REGEX_LITERAL.test(text);
}

/** Compiles `/.../flags` (searched anywhere in the actual text) or a literal (compared exactly). Throws on a bad regex. */
export function compileTextPattern(text: string): TextPattern {
  const match = REGEX_LITERAL.exec(text);
  if (!match || text.length < 2) return { source: text, test: (actual) => actual === text };
  // `g` and `y` make `test` stateful; they mean nothing for a single match, so they are dropped.
  const regex = new RegExp(match[1]!, match[2]!.replace(/[gy]/g, ""));
  return { source: text, test: (actual) => regex.test(actual) };
}

/** The problem with a `/regex/` literal, or undefined when the text is a literal or a valid regex. */
export function regexProblem(text: string): string | undefined {
  if (!isRegexLiteral(text)) return undefined;
  try {
    compileTextPattern(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
