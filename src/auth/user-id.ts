// Which claim of a client token names the user (facts §3.5: SDK claim first, then the docs' and ASP.NET's).
import type { JWTPayload } from "jose";

/** Claims consulted for the user id, highest precedence first. */
export const USER_ID_CLAIMS = [
  "asrs.s.uid",
  "nameid",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
  "sub",
] as const;

/** The user id of a token: the first non-empty string (or first string of an array) among `USER_ID_CLAIMS`. */
export function userIdFromClaims(claims: JWTPayload): string | undefined {
  for (const name of USER_ID_CLAIMS) {
    const raw = claims[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}
