// Signed tokens for the bench's requests, made the way the Management SDK makes them (src/auth).
import { clientAudience, restAudience, signAccessToken } from "../../src/auth/index.js";
import { BENCH_ACCESS_KEY, HUB } from "./routes.js";

/** `Authorization` value for one REST path and query on `endpoint` (the audience names the request URL). */
export async function restAuthorization(endpoint: string, pathAndQuery: string): Promise<string> {
  const token = await signAccessToken({
    accessKey: BENCH_ACCESS_KEY,
    audience: restAudience(endpoint, pathAndQuery),
    expiresInSeconds: 24 * 3600,
  });
  return `Bearer ${token}`;
}

/** A client token for the bench hub; every fleet client shares it (no user id). */
export async function clientToken(endpoint: string): Promise<string> {
  return signAccessToken({
    accessKey: BENCH_ACCESS_KEY,
    audience: clientAudience(endpoint, HUB),
    expiresInSeconds: 24 * 3600,
  });
}
