// Signs tokens the way the Management SDK does: HS256 over the access key's UTF-8 bytes, aud/exp/iat/nbf.
import { createHmac } from "node:crypto";
import type { JWTPayload } from "jose";
import { type Clock, systemClock } from "../clock.js";
import { HubkitError } from "../errors.js";

export { clientAudience, requestUrlAudience, restAudience } from "./audience.js";

export interface SignAccessTokenOptions {
  accessKey: string;
  /** Build it with `restAudience` or `clientAudience`; an array yields an array `aud`. */
  audience: string | readonly string[];
  /** Lifetime from now; default 3600 (the SDK's one hour). */
  expiresInSeconds?: number;
  /** Extra claims (e.g. `asrs.s.uid`, `nameid`); `aud`, `exp`, `iat` and `nbf` always come from the options. */
  claims?: JWTPayload;
  now?: Clock;
}

export type HmacAlgorithm = "HS256" | "HS384" | "HS512";

export interface SignClaimsOptions {
  accessKey: string;
  /** Signed exactly as given: nothing added, nothing checked. */
  payload: JWTPayload;
  /** Default HS256; the others exist to produce tokens the mock must refuse. */
  algorithm?: HmacAlgorithm;
}

/** A token the service (and the mock) accepts for `audience` until `expiresInSeconds` from now. */
export async function signAccessToken(options: SignAccessTokenOptions): Promise<string> {
  const lifetime = options.expiresInSeconds ?? 3600;
  if (!Number.isFinite(lifetime)) {
    throw new HubkitError(`expiresInSeconds must be a finite number of seconds, found ${lifetime}.`, {
      code: "E_TOKEN_OPTIONS",
    });
  }
  const iat = Math.floor((options.now ?? systemClock).now() / 1000);
  const aud = typeof options.audience === "string" ? options.audience : [...options.audience];
  const payload: JWTPayload = { ...options.claims, aud, iat, nbf: iat, exp: iat + Math.floor(lifetime) };
  return signClaims({ accessKey: options.accessKey, payload });
}

/** Signs an arbitrary payload with the access key (header `{alg, typ: "JWT"}`). */
export async function signClaims(options: SignClaimsOptions): Promise<string> {
  if (options.accessKey === "") {
    throw new HubkitError("Cannot sign a token with an empty access key.", {
      code: "E_ACCESS_KEY",
      hint: "Check the AccessKey of the connection string.",
    });
  }
  // A compact JWS by hand (node:crypto) rather than jose's SignJWT: importing jose costs more than the rest of
  // `hubkit token`, which people run in `$(...)` inside curl loops. The tests verify these tokens with jose.
  const alg = options.algorithm ?? "HS256";
  const header = base64url(JSON.stringify({ alg, typ: "JWT" }));
  const payload = base64url(JSON.stringify(options.payload));
  const signature = createHmac(HASH_OF[alg], options.accessKey).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

const HASH_OF: Record<HmacAlgorithm, string> = { HS256: "sha256", HS384: "sha384", HS512: "sha512" };

const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
