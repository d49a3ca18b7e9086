// Redaction of secrets (access keys, client secrets, bearer tokens) before text reaches logs, reports or errors.

const REDACTED = "***";

/** Key names whose value is a secret in a connection string (case-insensitive, any prefix such as `Primary`). */
const SECRET_KEY_VALUE = /((?:AccessKey|ClientSecret)\s*=)[^;\r\n]*/gi;

/** Compact JWS shape: three base64url parts starting with an encoded `{"`. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

/**
 * Replaces the value of every `AccessKey=` / `ClientSecret=` in the text with `***`, up to the next `;` or line end.
 * Works on a bare connection string and on one embedded in other text; over-redacting is preferred to leaking.
 */
export function redactConnectionString(text: string): string {
  return text.replace(SECRET_KEY_VALUE, `$1${REDACTED}`);
}

/** Replaces every occurrence of each given secret (empty strings ignored) with `***`; longest first, so overlaps vanish. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const sorted = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of sorted) result = result.split(secret).join(REDACTED);
  return result;
}

/** Replaces anything shaped like a JWT (for example in an `Authorization: Bearer` header) with `***`. */
export function redactTokens(text: string): string {
  return text.replace(JWT_LIKE, REDACTED);
}
