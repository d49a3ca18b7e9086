// Redaction of secrets (access keys, client secrets, tokens, signatures): the one home of the credential patterns.

const REDACTED = "***";

/** Key names whose value is a secret in a connection string (case-insensitive, any prefix such as `Primary`). */
const SECRET_KEY_VALUE = /((?:AccessKey|ClientSecret)\s*=)[^;\r\n]*/gi;

/** Compact JWS shape: three base64url parts starting with an encoded `{"`. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

/** Names (header names, object keys) whose value is a credential wherever they appear. */
const SECRET_NAME =
  /^(?:(?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key|access[-_]?key|(?:access|id|refresh)[-_]?token|client[-_]?secret|password|sig(?:nature)?)$/i;

/**
 * An RFC 7235 token68 after a scheme. Challenges use the same schemes with auth-params (`Bearer error="..."`) and
 * prose uses them with words ("a bare Bearer challenge"), so only a run of at least 16 token68 characters that is not
 * a parameter name (no `=` plus value after it) counts as a credential.
 */
const SCHEME_TOKEN68 = /\b(Bearer|Basic|SharedAccessSignature)(\s+)([A-Za-z0-9._~+/-]{16,}=*)(?![A-Za-z0-9._~+/=-])/gi;
/** After `name=`, a quote opening a value (not one closing a quoted string) makes `name` an auth-param. */
const QUOTED_PARAM_VALUE = /^"[^\s,;)\]}>]/;
/** Azure SAS credentials are `key=value&...` lists, not token68; the `sig=` among them is what gives them away. */
const SHARED_ACCESS_SIGNATURE = /\b(SharedAccessSignature\s+)(?=[^\s"',;<>)]*\bsig=)[^\s"',;<>)]+/gi;

/** An `Authorization` header written as text: the value is secret whatever its length or scheme. */
const AUTH_HEADER_SCHEME =
  /\b((?:proxy-)?authorization\s*:\s*(?:Bearer|Basic|SharedAccessSignature)\s+)(?!\*\*\*)[^\s"',;}]+/gi;
const AUTH_HEADER_TEXT =
  /\b((?:proxy-)?authorization\s*:\s*)(?!\*\*\*|Bearer\b|Basic\b|SharedAccessSignature\b)[^\s"',;}][^\r\n"',;}]*/gi;
/** Token-carrying query parameters (SignalR clients send `access_token` in the query from browsers; SAS `sig`). */
const QUERY_SECRET = /([?&](?:access_token|accesstoken|token|sig|signature|api-key|key)=)[^&#\s"'<>]*/gi;
/** JSON properties inside a body kept as text, e.g. a negotiate response's `accessToken`. */
const JSON_SECRET =
  /("(?:accessToken|access_token|accessKey|clientSecret|password|token)"\s*:\s*")(?:[^"\\]|\\.)*(")/gi;
/** `user:password@` in a URL. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@/\s]+(@)/gi;

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

/** Credentials after an auth scheme (`Bearer <token68>`, `SharedAccessSignature sr=...&sig=...`); challenges survive. */
export function redactAuthSchemes(text: string): string {
  const tokens = text.replace(
    SCHEME_TOKEN68,
    (match: string, scheme: string, space: string, token: string, offset: number) => {
      const rest = text.slice(offset + match.length);
      const param = token.endsWith("=") && !token.endsWith("==") && QUOTED_PARAM_VALUE.test(rest);
      return param ? match : `${scheme}${space}${REDACTED}`;
    },
  );
  return tokens.replace(SHARED_ACCESS_SIGNATURE, `$1${REDACTED}`);
}

/** Every credential pattern hubkit knows, in one pass over free text (messages, bodies, console lines). Idempotent. */
export function redactCredentials(text: string): string {
  let out = redactConnectionString(text);
  out = redactTokens(out);
  out = redactAuthSchemes(out);
  out = out.replace(AUTH_HEADER_SCHEME, `$1${REDACTED}`);
  out = out.replace(AUTH_HEADER_TEXT, `$1${REDACTED}`);
  out = out.replace(QUERY_SECRET, `$1${REDACTED}`);
  out = out.replace(JSON_SECRET, `$1${REDACTED}$2`);
  return out.replace(URL_PASSWORD, `$1${REDACTED}$2`);
}

/** True for a header name or property key whose value is a credential (`Authorization`, `accessToken`, `sig`, ...). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Headers as they can be recorded: credential-named values blanked, JWT-shaped values elsewhere replaced. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretName(name) ? REDACTED : redactTokens(value);
  return out;
}
