// Turns the YAML parser's errors into a few actionable problems: follow-on errors folded, a hint for each cause.
import type { YAMLError } from "yaml";
import { HubkitError, type SourcePosition } from "../errors.js";

export interface YamlErrorContext {
  text: string;
  position(offset: number): SourcePosition;
}

const CODE = "E_SUITE_YAML";
const GENERIC_HINT =
  "Fix the YAML syntax first (indentation, quotes, a missing ':'); the other checks run once it parses.";

/**
 * Once the parser loses its place, every later token is reported again ("Unexpected ... token in YAML stream"):
 * one slip can produce thousands of errors. Those follow-ons are folded into one closing line, and each line of the
 * file gets at most one error (the first, usually the cause).
 */
export function describeYamlErrors(errors: readonly YAMLError[], ctx: YamlErrorContext): HubkitError[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const kept: HubkitError[] = [];
  const lines = new Set<number>();
  let firstOmitted: SourcePosition | undefined;
  sorted.forEach((error, index) => {
    const position = ctx.position(error.pos[0]);
    if ((index > 0 && isFollowOn(error)) || lines.has(position.line)) {
      firstOmitted ??= position;
      return;
    }
    lines.add(position.line);
    kept.push(
      new HubkitError(`YAML syntax error: ${messageOf(error)}`, {
        code: CODE,
        hint: hintFor(error, lineAt(ctx.text, error.pos[0])),
        position,
      }),
    );
  });
  const omitted = sorted.length - kept.length;
  if (omitted > 0 && firstOmitted) {
    kept.push(
      new HubkitError(
        `… and ${omitted} more YAML syntax error${omitted === 1 ? "" : "s"}, caused by the one${kept.length === 1 ? "" : "s"} above.`,
        {
          code: CODE,
          hint: "The parser cannot read the rest of the file until the errors above are fixed; fix them and run again.",
          position: firstOmitted,
        },
      ),
    );
  }
  return kept;
}

function isFollowOn(error: YAMLError): boolean {
  return error.code === "UNEXPECTED_TOKEN" && error.message.includes("in YAML stream");
}

/** Inside `{ }` or `[ ]`, a plain value with `${...}` ends at the `{`: YAML reads the rest as a new mapping. */
const FLOW_TEMPLATE = /(?<=[[{,:]\s*)[^\s"'[\]{},]*\$\{[^}\s]*\}[^\s,\]}]*/;

function hintFor(error: YAMLError, line: string): string {
  const template = FLOW_TEMPLATE.exec(line);
  if (template && /[[{]/.test(line.slice(0, template.index))) {
    return `Quote a value with \${...} inside { } or [ ]: write "${template[0]}" instead of ${template[0]} (unquoted, YAML reads its { as the start of a mapping).`;
  }
  switch (error.code) {
    case "TAB_AS_INDENT":
      return "Indent with spaces; YAML does not allow tabs for indentation.";
    case "BAD_INDENT":
      return "Start the keys of one mapping, and the `-` items of one list, at the same column; close every { and [ you open.";
    case "MULTILINE_IMPLICIT_KEY":
      return "Write `key: value` on one line, with a space after the ':'; check this line and the one above for a missing ':'.";
    case "BLOCK_AS_IMPLICIT_KEY":
      return 'A plain value cannot contain ": "; quote it, e.g. reason: "closed: maintenance".';
    case "DUPLICATE_KEY":
      return "Each key may appear once in a mapping; remove or rename the repeated one.";
    case "BAD_SCALAR_START":
      return "Quote a value that starts with @, ` or another character YAML reserves.";
    case "BAD_DQ_ESCAPE":
      return "Inside double quotes a backslash starts an escape: write \\\\ for one (e.g. \"/^\\\\d+$/\"), or use single quotes ('/^\\d+$/').";
    case "MULTIPLE_DOCS":
      return "A suite file holds one document; remove the `---` line or split the file in two.";
    case "MISSING_CHAR":
      return error.message.includes("quote")
        ? 'Close the quote; inside double quotes write \\" for a quote character.'
        : "Separate the items inside { } and [ ] with commas, and close every { and [ you open.";
    default:
      return GENERIC_HINT;
  }
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end < 0 ? text.length : end);
}

function messageOf(error: YAMLError): string {
  // The parser's own text for this one names its API (parseAllDocuments), which means nothing to a suite author.
  if (error.code === "MULTIPLE_DOCS") return "The file contains more than one YAML document (a `---` line).";
  return error.message.split("\n")[0] ?? error.message;
}
