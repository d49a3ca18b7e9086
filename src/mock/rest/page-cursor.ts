// Continuation tokens of paged lists: a signed, expiring cursor (the last id returned), opaque to callers.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface PageCursor {
  /** What the token is for (`hub/group`), so a token of one list cannot page another. */
  scope: string;
  /** The last id of the previous page: the next page starts after it in the stable order. */
  after: string;
  /** How many items the earlier pages returned (counts against `top`). */
  returned: number;
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
}

/** Long enough to page any list by hand; short enough that a stale link fails visibly (docs/fidelity.md). */
export const CURSOR_LIFETIME_MS = 60 * 60 * 1000;

export function encodeCursor(cursor: PageCursor, secret: Buffer): string {
  const body = Buffer.from(JSON.stringify([cursor.scope, cursor.after, cursor.returned, cursor.expiresAt])).toString(
    "base64url",
  );
  return `${body}.${sign(body, secret)}`;
}

export type CursorProblem = "malformed" | "forged" | "expired" | "other-list";

/** The cursor, or why the token is refused. */
export function decodeCursor(
  token: string,
  secret: Buffer,
  expect: { scope: string; now: number },
): PageCursor | CursorProblem {
  const dot = token.indexOf(".");
  if (dot <= 0) return "malformed";
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const wanted = Buffer.from(sign(body, secret), "base64url");
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return "forged";
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return "malformed";
  }
  if (!Array.isArray(value) || value.length !== 4) return "malformed";
  const [scope, after, returned, expiresAt] = value as [unknown, unknown, unknown, unknown];
  if (typeof scope !== "string" || typeof after !== "string") return "malformed";
  if (typeof returned !== "number" || typeof expiresAt !== "number") return "malformed";
  if (scope !== expect.scope) return "other-list";
  if (expect.now > expiresAt) return "expired";
  return { scope, after, returned, expiresAt };
}

function sign(body: string, secret: Buffer): string {
  return createHmac("sha256", secret).update(body).digest("base64url");
}
