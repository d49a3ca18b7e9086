// `GET /groups/{group}/connections` (2024-12-01): the members of a group, paged in a stable order by connection id.
import { type MockHttpError, mockError } from "../errors.js";
import { CURSOR_LIFETIME_MS, decodeCursor, encodeCursor } from "./page-cursor.js";
import { firstValue } from "./query.js";
import type { HandlerTable, RestCall } from "./types.js";

const DEFAULT_PAGE_SIZE = 200;

/**
 * Members sorted by connection id, and each page starts after the last id of the one before: members that stay
 * are listed exactly once while others join and leave (a joiner appears if it sorts after the cursor).
 */
export const groupMemberHandlers: HandlerTable = {
  HubProxyV20241201_ListConnectionsInGroup: (call) => {
    const { store, hub, params, query, services } = call;
    const pageSize = Number(firstValue(query, "maxpagesize") ?? DEFAULT_PAGE_SIZE);
    const top = firstValue(query, "top");
    const limit = top === undefined ? Number.POSITIVE_INFINITY : Number(top);
    const scope = `${hub}/${params.group}`;
    const now = services.clock.now();
    const token = firstValue(query, "continuationtoken");
    let after: string | undefined;
    let returned = 0;
    if (token !== undefined) {
      const cursor = decodeCursor(token, services.cursorSecret, { scope, now });
      if (typeof cursor === "string") return badToken(cursor);
      after = cursor.after;
      returned = cursor.returned;
    }
    const members = store
      .groupConnections(hub, params.group!)
      .map((c) => c.id)
      .sort(compareIds)
      .filter((id) => after === undefined || compareIds(id, after) > 0);
    const take = Math.max(0, Math.min(pageSize, limit - returned));
    const page = members.slice(0, take);
    const value = page.map((id) => {
      const userId = store.connection(hub, id)?.userId;
      return userId === undefined ? { connectionId: id } : { connectionId: id, userId };
    });
    const more = members.length > page.length && returned + page.length < limit && page.length > 0;
    if (!more) return { kind: "reply", body: { value } };
    const next = encodeCursor(
      { scope, after: page[page.length - 1]!, returned: returned + page.length, expiresAt: now + CURSOR_LIFETIME_MS },
      services.cursorSecret,
    );
    return { kind: "reply", body: { value, nextLink: nextLink(call, next) } };
  },
};

/** Ordinal order, as .NET's `string.CompareOrdinal`: stable whatever the locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The request's own URL (absolute, path as sent) with the new token: the SDK GETs it as is and signs for it. */
function nextLink(call: RestCall, token: string): string {
  const pairs: string[] = [];
  for (const [name, values] of call.query) {
    if (name === "continuationtoken") continue;
    for (const value of values) pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  pairs.push(`continuationToken=${encodeURIComponent(token)}`);
  return `${call.origin}${call.rawPath}?${pairs.join("&")}`;
}

const PROBLEMS = {
  malformed: "is not a continuation token issued by this service",
  forged: "does not carry a valid signature (it was changed or issued elsewhere)",
  expired: `has expired (tokens live ${CURSOR_LIFETIME_MS / 60_000} minutes); list the group again from the start`,
  "other-list": "belongs to another group's list",
} as const;

function badToken(problem: keyof typeof PROBLEMS): MockHttpError {
  return mockError("invalidContinuationToken", `The continuationToken ${PROBLEMS[problem]}.`, {
    target: "continuationToken",
  });
}
