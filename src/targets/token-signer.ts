// Tokens for REST requests and clients by AuthMode; valid REST tokens are cached per audience, so a call signs once.
import {
  clientAudience,
  requestUrlAudience,
  restAudience,
  signAccessToken,
  signBadToken,
  signClaims,
} from "../auth/index.js";
import type { AuthMode, TargetRequest } from "./target.js";

const LIFETIME_SECONDS = 3600;
/** A cached token is reused while it has more than this left. */
const REUSE_MARGIN_MS = 5 * 60_000;
const MAX_CACHED = 1000;

export class TokenSigner {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly endpoint: string,
    private readonly accessKey: string,
    private readonly clientEndpoint: string = endpoint,
    private readonly secondaryAccessKey?: string,
  ) {}

  /** The `Authorization` header value for a REST request, or undefined for `auth: none`. */
  async rest(
    auth: AuthMode,
    pathAndQuery: string,
    audience: TargetRequest["audience"] = "sdk",
  ): Promise<string | undefined> {
    const aud =
      audience === "url-path"
        ? requestUrlAudience(this.endpoint, pathAndQuery)
        : restAudience(this.endpoint, pathAndQuery);
    const token = await this.sign(auth, aud);
    return token === undefined ? undefined : `Bearer ${token}`;
  }

  /** The client access token (claims such as the user id included), or undefined for `auth: none`. */
  client(options: { auth: AuthMode; hub: string; application?: string; claims: Record<string, unknown> }) {
    return this.sign(
      options.auth,
      clientAudience(this.clientEndpoint, options.hub, options.application),
      options.claims,
    );
  }

  private async sign(
    auth: AuthMode,
    audience: string,
    claims: Record<string, unknown> = {},
  ): Promise<string | undefined> {
    if (auth === "none") return undefined;
    if (auth === "secondary") return this.withSecondaryKey(audience, claims);
    if (auth === "upper-case-audience") return this.valid(upperCaseHost(audience), claims);
    if (auth === "valid")
      return Object.keys(claims).length === 0 ? this.cached(audience) : this.valid(audience, claims);
    if (typeof auth === "object") return this.withClaims(audience, { ...claims, ...auth.claims });
    return signBadToken(auth, { accessKey: this.accessKey, audience, claims });
  }

  private withSecondaryKey(audience: string, claims: Record<string, unknown>): Promise<string> {
    if (this.secondaryAccessKey === undefined) {
      throw new Error("auth: secondary needs a secondary access key (hubkit run --secondary-access-key).");
    }
    const accessKey = this.secondaryAccessKey;
    return signAccessToken({ accessKey, audience, claims, expiresInSeconds: LIFETIME_SECONDS });
  }

  private valid(audience: string, claims: Record<string, unknown>): Promise<string> {
    return signAccessToken({ accessKey: this.accessKey, audience, claims, expiresInSeconds: LIFETIME_SECONDS });
  }

  private async cached(audience: string): Promise<string> {
    const now = Date.now();
    const hit = this.cache.get(audience);
    if (hit && hit.expiresAt - now > REUSE_MARGIN_MS) return hit.token;
    const token = await this.valid(audience, {});
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(audience, { token, expiresAt: now + LIFETIME_SECONDS * 1000 });
    return token;
  }

  /** Defaults (`aud`, `iat`, `nbf`, `exp`) with the given claims on top; a claim set to null is dropped. */
  private withClaims(audience: string, claims: Record<string, unknown>): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = { aud: audience, iat, nbf: iat, exp: iat + LIFETIME_SECONDS, ...claims };
    for (const [name, value] of Object.entries(payload)) if (value === null) delete payload[name];
    return signClaims({ accessKey: this.accessKey, payload });
  }
}

/** `http://localhost/api/...` -> `HTTP://LOCALHOST/api/...`: the same audience, as hosts compare case-insensitively. */
function upperCaseHost(audience: string): string {
  return audience.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i, (origin) => origin.toUpperCase());
}
