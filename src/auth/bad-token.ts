// Deliberately invalid tokens for negative tests, each paired with the failure reason the mock must report.
import { systemClock } from "../clock.js";
import type { AuthFailureReason } from "./auth-result.js";
import { type SignAccessTokenOptions, signAccessToken, signClaims } from "./sign.js";

export type BadTokenKind =
  | "expired"
  | "missing-exp"
  | "wrong-key"
  | "wrong-audience"
  | "wrong-algorithm"
  | "tampered"
  | "malformed";

/** What a verifier must answer for each kind of bad token. */
export const badTokenReasons: Readonly<Record<BadTokenKind, AuthFailureReason>> = Object.freeze({
  expired: "expired",
  "missing-exp": "expired",
  "wrong-key": "signature",
  "wrong-audience": "audience",
  "wrong-algorithm": "signature",
  tampered: "signature",
  malformed: "malformed",
});

export const badTokenKinds = Object.keys(badTokenReasons) as readonly BadTokenKind[];

/** Path every wrong-audience token names (same scheme and host as the real audience, so only the path is wrong). */
export const WRONG_AUDIENCE_PATH = "/hubkit-wrong-audience";

/**
 * A token that is valid for `options` in every respect but the one `kind` names: expired an hour ago, no `exp`,
 * signed with another key, for another URL, with HS512, with a payload altered after signing, or not a JWT at all.
 */
export async function signBadToken(kind: BadTokenKind, options: SignAccessTokenOptions): Promise<string> {
  const nowSeconds = Math.floor((options.now ?? systemClock).now() / 1000);
  const claims = { ...options.claims, aud: audienceClaim(options.audience), iat: nowSeconds, nbf: nowSeconds };
  switch (kind) {
    case "expired":
      return signAccessToken({ ...options, now: { now: () => (nowSeconds - 7200) * 1000 }, expiresInSeconds: 3600 });
    case "missing-exp":
      return signClaims({ accessKey: options.accessKey, payload: claims });
    case "wrong-key":
      return signAccessToken({ ...options, accessKey: otherKey(options.accessKey) });
    case "wrong-audience":
      return signAccessToken({ ...options, audience: wrongAudience(options.audience) });
    case "wrong-algorithm":
      return signClaims({
        accessKey: options.accessKey,
        payload: { ...claims, exp: nowSeconds + 3600 },
        algorithm: "HS512",
      });
    case "tampered":
      return tamper(await signAccessToken(options));
    case "malformed":
      return "not-a-jwt";
  }
}

function audienceClaim(audience: string | readonly string[]): string | string[] {
  return typeof audience === "string" ? audience : [...audience];
}

function otherKey(accessKey: string): string {
  const candidate = "hubkit-wrong-key-0000000000000000000000000000";
  return candidate === accessKey ? `${candidate}-2` : candidate;
}

function wrongAudience(audience: string | readonly string[]): string {
  const first = typeof audience === "string" ? audience : audience[0];
  if (first === undefined || !URL.canParse(first)) return `https://wrong-audience.invalid${WRONG_AUDIENCE_PATH}`;
  const url = new URL(first);
  return `${url.protocol}//${url.host}${WRONG_AUDIENCE_PATH}`;
}

/** Re-encodes the payload with one more claim and keeps the old signature, which no longer matches. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  const altered = Buffer.from(JSON.stringify({ ...claims, tampered: true })).toString("base64url");
  return `${header}.${altered}.${signature}`;
}
