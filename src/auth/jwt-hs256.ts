// Synchronous HS256 check of a compact JWT: the mock verifies on every request, and jose's verify is async (signing uses jose).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { JWTPayload } from "jose";

/** Longer tokens are refused as malformed before any decoding (the SDK itself refuses over 4096 characters). */
export const MAX_TOKEN_LENGTH = 16 * 1024;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export type Hs256Check =
  | { ok: true; payload: JWTPayload; keyIndex: number }
  | { ok: false; reason: "malformed" | "signature" };

const MALFORMED: Hs256Check = Object.freeze({ ok: false, reason: "malformed" });
const BAD_SIGNATURE: Hs256Check = Object.freeze({ ok: false, reason: "signature" });

/**
 * Checks structure, `alg` = HS256 and the HMAC-SHA256 signature against each key (any may match, so primary and
 * secondary keys both work). The signature is compared as base64url text, which also refuses non-canonical encodings.
 */
export function checkHs256(token: string, keys: readonly Uint8Array[]): Hs256Check {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return MALFORMED;
  const firstDot = token.indexOf(".");
  const secondDot = token.indexOf(".", firstDot + 1);
  const header = decodeJsonObject(token.slice(0, firstDot));
  if (header === undefined || header.crit !== undefined) return MALFORMED;
  if (header.alg !== "HS256") return BAD_SIGNATURE;

  const signingInput = token.slice(0, secondDot);
  const given = Buffer.from(token.slice(secondDot + 1), "latin1");
  const keyIndex = keys.findIndex((key) => {
    const expected = Buffer.from(createHmac("sha256", key).update(signingInput).digest("base64url"), "latin1");
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (keyIndex < 0) return BAD_SIGNATURE;

  const payload = decodeJsonObject(token.slice(firstDot + 1, secondDot));
  return payload === undefined ? MALFORMED : { ok: true, payload, keyIndex };
}

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
