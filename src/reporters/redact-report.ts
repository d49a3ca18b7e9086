// The last redaction pass before anything is written: keys, tokens and credentials vanish even if the runner forgot.
import { redactConnectionString, redactSecrets, redactTokens } from "../auth/redact.js";
import type { ConformanceReport } from "./conformance-report.js";

const REDACTED = "***";

/** Object keys whose value is a credential wherever they appear (headers, bodies parsed into expected/actual). */
const SECRET_KEY =
  /^(?:(?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key|access[-_]?key|(?:access|id|refresh)[-_]?token|client[-_]?secret|password|sig(?:nature)?)$/i;

/** Credential schemes in free text, e.g. an `Authorization` header copied into an error message. */
const AUTH_SCHEME = /\b(Bearer|Basic|SharedAccessSignature)\s+(?!\*\*\*)[^\s"',;]+/gi;
const AUTH_HEADER_TEXT =
  /\b((?:proxy-)?authorization\s*:\s*)(?!\*\*\*|Bearer\b|Basic\b|SharedAccessSignature\b)[^\s"',;}][^\r\n"',;}]*/gi;
/** Token-carrying query parameters (SignalR clients send `access_token` in the query from browsers). */
const QUERY_SECRET = /([?&](?:access_token|accesstoken|token|sig|signature|api-key|key)=)[^&#\s"'<>]*/gi;
/** JSON properties inside a body kept as text, e.g. a negotiate response's `accessToken`. */
const JSON_SECRET =
  /("(?:accessToken|access_token|accessKey|clientSecret|password|token)"\s*:\s*")(?:[^"\\]|\\.)*(")/gi;
/** `user:password@` in a URL. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@/\s]+(@)/gi;

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
  let out = redactSecrets(text, secretForms(secrets));
  out = redactConnectionString(out);
  out = redactTokens(out);
  out = out.replace(AUTH_SCHEME, `$1 ${REDACTED}`);
  out = out.replace(AUTH_HEADER_TEXT, `$1${REDACTED}`);
  out = out.replace(QUERY_SECRET, `$1${REDACTED}`);
  out = out.replace(JSON_SECRET, `$1${REDACTED}$2`);
  return out.replace(URL_PASSWORD, `$1${REDACTED}$2`);
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
    out[key] = SECRET_KEY.test(key) && typeof item === "string" ? REDACTED : redactValue(item, secrets);
  }
  return out;
}
