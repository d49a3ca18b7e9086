// Renders docs/errors.md from the error tables (exit codes, usage errors, mock answers); `npx tsx scripts/error-docs.ts`
// writes it.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { USAGE_ERRORS } from "../src/error-catalogue.js";
import { EXIT_CODE_MEANINGS } from "../src/exit-codes.js";
import { type ErrorEvidence, MOCK_ERRORS } from "../src/mock/error-templates.js";

export const ERROR_DOCS_FILE = fileURLToPath(new URL("../docs/errors.md", import.meta.url));

/** Table cells may not hold a bare `|`. */
const cell = (text: string) => text.replaceAll("|", "\\|");

const EVIDENCE: Record<ErrorEvidence, string> = {
  known: "the SDK, the spec or the service's docs name this answer.",
  "azure-guidelines": "Azure's REST API guidelines define it.",
  inferred: "the service's answer is unknown; docs/fidelity.md has the row that explains the choice.",
  hubkit: "an endpoint only the mock has (admin API, dashboard, fault rules).",
};

export function renderErrorDocs(): string {
  const lines = [
    "# Errors and exit codes",
    "",
    "<!-- Generated from src/exit-codes.ts, src/error-catalogue.ts and src/mock/error-templates.ts by",
    "     `npx tsx scripts/error-docs.ts`; do not edit by hand (test/errors/error-catalogue.test.ts fails when this file",
    "     and the tables differ). -->",
    "",
    "## Exit codes",
    "",
    "Every hubkit command ends with one of these.",
    "",
    "| Exit code | Meaning |",
    "|---:|---|",
    ...Object.entries(EXIT_CODE_MEANINGS).map(([code, meaning]) => `| ${code} | ${cell(meaning)} |`),
    "",
    "## Usage errors",
    "",
    "A usage error is a problem you can fix in a flag, a suite, a state file or a setting. hubkit prints it once,",
    "with where it is, what is wrong, its code in brackets and what to do, then exits with the code below:",
    "",
    "```text",
    "hubkit: 1 problem(s) in the suites:",
    'suites/chat.yaml:5:5: Unknown key "stpes" in tests[0]. [E_SUITE_INVALID]',
    '    hint: Did you mean "steps"?',
    "```",
    "",
    "Where the message has no hint of its own, the hint of the table is printed.",
    "",
    "| Code | Problem | What to do | Exit code |",
    "|---|---|---|---:|",
    ...Object.entries(USAGE_ERRORS).map(
      ([code, entry]) => `| \`${code}\` | ${cell(entry.title)} | ${cell(entry.hint)} | ${entry.exitCode} |`,
    ),
    "",
    "## Mock HTTP errors",
    "",
    "The mock answers an error with an ErrorDetail body `{code, message, target}` and the same code in the",
    "`x-ms-error-code` header; each code has one status. Two exceptions: a missing or bad token gets a 401 with an",
    "empty body and a `WWW-Authenticate` challenge, as the service answers; an injected fault (docs/faults.md) answers",
    "with the status its rule chooses.",
    "",
    ...Object.entries(EVIDENCE).map(([tag, meaning]) => `- \`${tag}\`: ${meaning}`),
    "",
    "| `x-ms-error-code` | Status | Evidence |",
    "|---|---:|---|",
    ...Object.values(MOCK_ERRORS).map((t) => `| \`${t.code}\` | ${t.status} | ${t.evidence} |`),
    "",
  ];
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ERROR_DOCS_FILE, renderErrorDocs());
  console.log(`wrote ${ERROR_DOCS_FILE}`);
}
