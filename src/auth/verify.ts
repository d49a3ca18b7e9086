// Token verification for the mock: REST callers, SignalR clients and the admin API, synchronous and cached per token.
import type { JWTPayload } from "jose";
import { type Clock, systemClock } from "../clock.js";
import { HubkitError } from "../errors.js";
import { type NormalizedAudience, normalizeAudience, requestAudienceBase, sameAudienceBase } from "./audience.js";
import { type AuthResult, authFailures } from "./auth-result.js";
import { checkHs256 } from "./jwt-hs256.js";
import { BoundedCache } from "./token-cache.js";
import { userIdFromClaims } from "./user-id.js";

export interface TokenVerifierOptions {
  /** Every key whose signature is accepted (primary and secondary may both be live). */
  accessKeys: readonly string[];
  clock?: Clock;
  /** `localhost`, `127.0.0.1` and `[::1]` are one host in audiences (a mock on loopback); default false. */
  loopbackAliases?: boolean;
  /** Verified tokens remembered; default 10,000. 0 disables the cache. */
  cacheSize?: number;
}

export interface RestRequestTarget {
  /** `http` or `https` (a trailing `:` is allowed). */
  scheme: string;
  /** The `Host` header; a port is ignored. */
  host: string;
  /** The request path; a query is ignored. */
  path: string;
}

export interface ClientRequestTarget {
  scheme: string;
  host: string;
  /** The hub the client asks for (`?hub=`), matched case-insensitively against the token's `aud`. */
  hub: string;
  /** Path the audience must name; default `/client` (negotiate and every transport share the client audience). */
  path?: string;
}

export interface TokenVerifier {
  /** `Authorization` header of a REST call; `aud` must name this request's URL. */
  verifyRest(authorizationHeader: string | undefined, request: RestRequestTarget): AuthResult;
  /** A client's raw token (from the `Authorization` header or the `access_token` query); `aud` names the client URL. */
  verifyClient(token: string | undefined, request: ClientRequestTarget): AuthResult;
}

interface VerifiedToken {
  /** The whole token, compared on a cache hit (the cache is keyed by the signature alone). */
  token: string;
  result: AuthResult & { ok: true };
  exp: number | undefined;
  nbf: number | undefined;
  audiences: readonly NormalizedAudience[];
}

/** The token of an `Authorization: Bearer <token>` header; any other scheme counts as no token (ASP.NET does the same). */
export function readBearerToken(header: string | undefined): string | undefined {
  if (header === undefined || !/^bearer /i.test(header)) return undefined;
  const token = header.slice(7).trim();
  return token === "" ? undefined : token;
}

/**
 * Allowance for clocks that disagree, applied alike to `exp` and `nbf` (ASP.NET's lifetime validation checks both with
 * one ClockSkew). Zero: the mock and its callers share a machine, and tests pin exact expiry.
 */
const CLOCK_SKEW_SECONDS = 0;

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  if (options.accessKeys.length === 0 || options.accessKeys.some((key) => key === "")) {
    throw new HubkitError("A token verifier needs at least one access key, and no key may be empty.", {
      code: "E_ACCESS_KEY",
      hint: "Pass the mock's access keys (for example the emulator's default key).",
    });
  }
  const keys = options.accessKeys.map((key) => Buffer.from(key, "utf8"));
  const clock = options.clock ?? systemClock;
  const cache = new BoundedCache<string, VerifiedToken>(options.cacheSize ?? 10_000);
  const aliases = options.loopbackAliases === true;

  // Signature and parsing are cached; lifetime and audience depend on the clock and the request, so run every time.
  const verify = (token: string | undefined, audienceOk: (auds: readonly NormalizedAudience[]) => boolean) => {
    if (token === undefined || token === "") return authFailures.missing;
    // Keyed by the signature: hashing 43 characters instead of the whole token is measurable on the hot path.
    // A hit still compares the whole token, so two tokens sharing a signature segment never share an entry.
    const signature = token.slice(token.lastIndexOf(".") + 1);
    let verified = cache.get(signature);
    if (verified === undefined || verified.token !== token) {
      const checked = checkHs256(token, keys);
      if (!checked.ok) return authFailures[checked.reason];
      const parsed = toVerifiedToken(token, checked.payload, aliases);
      if (parsed === undefined) return authFailures.malformed;
      verified = parsed;
      cache.set(signature, verified);
    }
    if (verified.exp === undefined) return authFailures.noExpiration;
    const now = Math.floor(clock.now() / 1000);
    if (verified.exp <= now - CLOCK_SKEW_SECONDS) {
      cache.delete(signature);
      return authFailures.expired;
    }
    if (verified.nbf !== undefined && verified.nbf > now + CLOCK_SKEW_SECONDS) return authFailures.notYetValid;
    if (!audienceOk(verified.audiences)) return authFailures.audience;
    return verified.result;
  };

  return {
    verifyRest(header, request) {
      const base = requestAudienceBase(request, aliases);
      return verify(readBearerToken(header), (auds) => auds.some((aud) => sameAudienceBase(aud.base, base)));
    },
    verifyClient(token, request) {
      const target = { scheme: request.scheme, host: request.host, path: request.path ?? "/client" };
      const base = requestAudienceBase(target, aliases);
      const hub = request.hub.toLowerCase();
      return verify(token, (auds) => auds.some((aud) => aud.hub === hub && sameAudienceBase(aud.base, base)));
    },
  };
}

/** Undefined when a registered claim has the wrong type (a non-numeric `exp`, a non-string `aud`). */
function toVerifiedToken(token: string, payload: JWTPayload, aliasLoopback: boolean): VerifiedToken | undefined {
  const { exp, nbf, aud } = payload;
  if (exp !== undefined && (typeof exp !== "number" || !Number.isFinite(exp))) return undefined;
  if (nbf !== undefined && (typeof nbf !== "number" || !Number.isFinite(nbf))) return undefined;
  const rawAudiences = aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
  if (rawAudiences.some((value) => typeof value !== "string")) return undefined;
  const audiences = rawAudiences.flatMap((value) => normalizeAudience(value, aliasLoopback) ?? []);
  const claims = Object.freeze(payload);
  const userId = userIdFromClaims(claims);
  const result = Object.freeze(
    userId === undefined ? { ok: true as const, claims } : { ok: true as const, claims, userId },
  );
  return { token, result, exp, nbf, audiences };
}
