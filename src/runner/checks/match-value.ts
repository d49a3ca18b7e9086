// Value matching shared by body, equals, contains, error and message checks: `/regex/` strings are patterns.
import { compileTextPattern, isRegexLiteral, type TextPattern } from "../../suite/index.js";

const patterns = new Map<string, TextPattern>();

/** A cached compiled pattern (suites repeat the same expectations across tests and retries). */
export function textPattern(text: string): TextPattern {
  let pattern = patterns.get(text);
  if (!pattern) {
    pattern = compileTextPattern(text);
    patterns.set(text, pattern);
  }
  return pattern;
}

/** Exact structural equality, except that an expected `/regex/` string matches any string it finds. */
export function matchesExactly(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "string" && isRegexLiteral(expected)) {
    return typeof actual === "string" && textPattern(expected).test(actual);
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matchesExactly(e, actual[i]))
    );
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return false;
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length &&
      keys.every((k) => Object.hasOwn(actual, k) && matchesExactly(expected[k], actual[k]))
    );
  }
  return Object.is(expected, actual);
}

/** Subset matching: every expected key is present and matches; every expected list item matches some actual item. */
export function containsValue(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((e) => actual.some((a) => containsValue(e, a)));
  }
  if (isObject(expected)) {
    return (
      isObject(actual) &&
      Object.keys(expected).every((k) => Object.hasOwn(actual, k) && containsValue(expected[k], actual[k]))
    );
  }
  return matchesExactly(expected, actual);
}

/** Matches text against a literal or a `/regex/`. */
export function matchesText(expected: string, actual: string | undefined): boolean {
  return actual !== undefined && textPattern(expected).test(actual);
}

/** A `/regex/` searched in the text, or a literal the text includes (for error messages that add context). */
export function includesText(expected: string, actual: string): boolean {
  return isRegexLiteral(expected) ? textPattern(expected).test(actual) : actual.includes(expected);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reports every `/regex/` inside an expected value that does not compile. */
export function findBadRegexes(
  value: unknown,
  report: (path: (string | number)[], message: string) => void,
  path: (string | number)[] = [],
): void {
  if (typeof value === "string" && isRegexLiteral(value)) {
    try {
      compileTextPattern(value);
    } catch (error) {
      report(path, `${value} is not a valid regular expression: ${(error as Error).message}`);
    }
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) findBadRegexes(item, report, [...path, i]);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) findBadRegexes(v, report, [...path, k]);
  }
}
