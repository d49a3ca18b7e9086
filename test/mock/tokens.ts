// Tokens signed as real callers sign them: the Management SDK form (query in aud, no port) and the docs form.
import { type BadTokenKind, restAudience, signAccessToken, signBadToken } from "../../src/auth/index.js";

export const PRIMARY_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
export const SECONDARY_KEY = "hubkit-secondary-key-for-tests-0123456789";

export type AuthMode = "sdk" | "docs" | "secondary" | "none" | BadTokenKind | { header: string };

/** The `Authorization` header a caller sends for `pathAndQuery` at `origin`, or undefined for none. */
export async function authorizationFor(
  mode: AuthMode,
  origin: string,
  pathAndQuery: string,
): Promise<string | undefined> {
  if (typeof mode === "object") return mode.header;
  if (mode === "none") return undefined;
  const sdkAudience = restAudience(origin, pathAndQuery);
  if (mode === "sdk") return bearer(await signAccessToken({ accessKey: PRIMARY_KEY, audience: sdkAudience }));
  if (mode === "secondary") return bearer(await signAccessToken({ accessKey: SECONDARY_KEY, audience: sdkAudience }));
  if (mode === "docs") {
    // "the same as your HTTP request URL, not including the trailing slash and query parameters" (port kept)
    const q = pathAndQuery.indexOf("?");
    const audience = `${origin}${q < 0 ? pathAndQuery : pathAndQuery.slice(0, q)}`;
    return bearer(await signAccessToken({ accessKey: PRIMARY_KEY, audience }));
  }
  return bearer(await signBadToken(mode, { accessKey: PRIMARY_KEY, audience: sdkAudience }));
}

const bearer = (token: string) => `Bearer ${token}`;
