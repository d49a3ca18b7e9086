// The last redaction pass before anything is written: keys, tokens and credentials vanish even if the runner forgot.
import { isSecretName, redactCredentials, redactSecrets } from "../auth/redact.js";
import type { ConformanceReport } from "./conformance-report.js";

const REDACTED = "***";

/** Literal secrets also travel percent-encoded (query strings) and as base64url. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(secret.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""));
  }
  return [...forms].filter((form) => form.length > 0);
}

/** Redacts every credential shape hubkit knows in one string. Idempotent. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  return redactCredentials(redactSecrets(text, secretForms(secrets)));
}

/** Only the literal secrets: safe on rendered output (JSON, XML, HTML), whose structure the patterns could cut. */
export function redactLiteralSecrets(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secretForms(secrets));
}

/** A deep copy of the report with every string redacted and every credential-named property blanked. */
export function redactReport(report: ConformanceReport, secrets: readonly string[] = []): ConformanceReport {
  return redactValue(report, secrets) as ConformanceReport;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretName(key) && typeof item === "string" ? REDACTED : redactValue(item, secrets);
  }
  return out;
}
