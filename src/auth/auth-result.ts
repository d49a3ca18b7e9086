// The outcome of verifying a token, and the 401 `WWW-Authenticate` challenge that goes with each failure.
import type { JWTPayload } from "jose";

export type AuthFailureReason = "missing" | "malformed" | "signature" | "expired" | "notYetValid" | "audience";

export type AuthResult =
  | { readonly ok: true; readonly claims: Readonly<JWTPayload>; readonly userId?: string }
  | { readonly ok: false; readonly challenge: string; readonly reason: AuthFailureReason };

export type AuthFailure = Extract<AuthResult, { ok: false }>;

// ASP.NET JwtBearer wording, as the service answers; "malformed" has no ASP.NET text, so hubkit names it plainly.
const DESCRIPTIONS = {
  malformed: "The token is malformed",
  signature: "The signature is invalid",
  expired: "The token is expired",
  noExpiration: "The token has no expiration",
  notYetValid: "The token is not valid yet",
  audience: "The audience is invalid",
} as const;

const invalidToken = (reason: AuthFailureReason, description: string): AuthFailure =>
  Object.freeze({ ok: false, reason, challenge: `Bearer error="invalid_token", error_description="${description}"` });

/** One frozen failure per case, so rejecting a request allocates nothing. A token without `exp` counts as expired. */
export const authFailures = {
  missing: Object.freeze({ ok: false, reason: "missing", challenge: "Bearer" }) as AuthFailure,
  malformed: invalidToken("malformed", DESCRIPTIONS.malformed),
  signature: invalidToken("signature", DESCRIPTIONS.signature),
  expired: invalidToken("expired", DESCRIPTIONS.expired),
  noExpiration: invalidToken("expired", DESCRIPTIONS.noExpiration),
  notYetValid: invalidToken("notYetValid", DESCRIPTIONS.notYetValid),
  audience: invalidToken("audience", DESCRIPTIONS.audience),
} as const;
