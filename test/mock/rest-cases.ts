// Every REST behaviour of facts Part 1 as data, run in-process and over a real socket by two test files.
import { expect } from "vitest";
import { authFailures } from "../../src/auth/index.js";
import type { RestCase, RestCaseContext } from "./rest-case.js";

const V = "api-version=2022-06-01";
const HUB_MESSAGE =
  "Invalid hub name. Valid hub name should be in between 1 and 128 characters long. The first character must be a letter, other characters can be letters, digits or the following symbols _`,.[]";
const APP_MESSAGE =
  "Invalid value of 'application'. Valid application name should be in between 1 and 128 characters long. The first character must be a letter, other characters can be letters, digits or the following symbols _`,.[]";
const GROUP_MESSAGE = "Invalid group name. Valid group name should be in between 1 and 1024 characters long.";
const SEND_BODY = JSON.stringify({ target: "newMessage", arguments: ["alice", "hi"] });

const targetsOf = (ctx: RestCaseContext, hub: string, id: string) =>
  ctx.virtual.list({ hub, connectionId: id })[0]?.received.map((m) => m.target) ?? [];
const closeOf = (ctx: RestCaseContext, hub: string, id: string) =>
  ctx.virtual.list({ hub, connectionId: id })[0]?.closed;
const receivedBy =
  (ids: string[], hub = "chat") =>
  (ctx: RestCaseContext) => {
    for (const id of ["alice-1", "alice-2", "bob-1", "anon-1"]) {
      expect(targetsOf(ctx, hub, id), `messages of ${id}`).toEqual(ids.includes(id) ? ["newMessage"] : []);
    }
  };
const closedOnly = (ids: string[], reason?: string) => (ctx: RestCaseContext) => {
  for (const id of ["alice-1", "alice-2", "bob-1", "anon-1"]) {
    if (ids.includes(id)) {
      expect(closeOf(ctx, "chat", id), `close of ${id}`).toEqual(
        reason === undefined ? { at: expect.any(String) } : { reason, at: expect.any(String) },
      );
      expect(ctx.store.connection("chat", id)).toBeUndefined();
    } else {
      expect(closeOf(ctx, "chat", id), `close of ${id}`).toBeUndefined();
      expect(ctx.store.connection("chat", id)).toBeDefined();
    }
  }
};
const nothingDelivered = (ctx: RestCaseContext) => {
  for (const record of ctx.virtual.list()) expect(record.received, record.connectionId).toEqual([]);
};

const notFoundRoute = { status: 404, code: "Error.Route.NotFound", target: "path" } as const;
const invalid = (target: string, message?: string | RegExp) => ({
  status: 400,
  code: "Error.Request.Invalid",
  target,
  ...(message === undefined ? {} : { message }),
});

/** Every path with a group parameter, including the two where the spec omits the pattern. */
const GROUP_OPERATIONS: Array<[string, string, string?]> = [
  ["HEAD", "/api/hubs/chat/groups/{g}"],
  ["GET", "/api/hubs/chat/groups/{g}"],
  ["POST", "/api/hubs/chat/groups/{g}/:closeConnections"],
  ["POST", "/api/hubs/chat/groups/{g}/:send", SEND_BODY],
  ["DELETE", "/api/hubs/chat/groups/{g}/connections/alice-1"],
  ["PUT", "/api/hubs/chat/groups/{g}/connections/alice-1"],
  ["DELETE", "/api/hubs/chat/users/alice/groups/{g}"],
  ["HEAD", "/api/hubs/chat/users/alice/groups/{g}"],
  ["PUT", "/api/hubs/chat/users/alice/groups/{g}"],
];

const badGroups: Array<[string, string]> = [
  ["whitespace only", "%20%20"],
  ["a tab only", "%09"],
  ["a newline inside", "a%0Ab"],
  ["1025 characters", "g".repeat(1025)],
];

const groupValidationCases: RestCase[] = GROUP_OPERATIONS.flatMap(([method, template, body]) =>
  badGroups.map(([label, group]) => ({
    name: `${method} ${template}: group ${label} is a 400`,
    method,
    path: `${template.replace("{g}", group)}?${V}`,
    ...(body ? { body } : {}),
    expect: method === "HEAD" ? { status: 400, code: "Error.Request.Invalid" } : invalid("group", GROUP_MESSAGE),
    after: nothingDelivered,
  })),
);

export const restCases: RestCase[] = [
  // --- success statuses and semantics ---------------------------------------------------------------------
  {
    name: "health is anonymous: HEAD 200",
    method: "HEAD",
    path: `/api/health?${V}`,
    auth: "none",
    expect: { status: 200 },
  },
  { name: "health with a token is 200 too", method: "HEAD", path: `/api/health?${V}`, expect: { status: 200 } },
  {
    name: "health with one trailing slash",
    method: "HEAD",
    path: `/api/health/?${V}`,
    auth: "none",
    expect: { status: 200 },
  },
  {
    name: "broadcast: 202, every connection of the hub receives it",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["alice-1", "alice-2", "bob-1", "anon-1"]),
  },
  {
    name: "broadcast with the docs audience form (request URL without query)",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    auth: "docs",
    expect: { status: 202 },
  },
  {
    name: "broadcast signed with the secondary key",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    auth: "secondary",
    expect: { status: 202 },
  },
  {
    name: "broadcast honours repeated excluded",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}&excluded=alice-1&excluded=anon-1`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["alice-2", "bob-1"]),
  },
  {
    name: "broadcast: PascalCase Target/Arguments (as the SDK sends) are accepted and delivered",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: JSON.stringify({ Target: "newMessage", Arguments: [1, { a: true }] }),
    expect: { status: 202 },
    after: (ctx) => {
      expect(ctx.virtual.list({ hub: "chat", connectionId: "bob-1" })[0]?.received).toEqual([
        { target: "newMessage", arguments: [1, { a: true }], at: expect.any(String) },
      ]);
    },
  },
  {
    name: "broadcast: absent arguments arrive as an empty list",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: '{"target":"ping"}',
    expect: { status: 202 },
    after: (ctx) => expect(ctx.virtual.list({ connectionId: "anon-1" })[0]?.received[0]?.arguments).toEqual([]),
  },
  {
    name: "broadcast: null arguments arrive as an empty list",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: '{"target":"ping","arguments":null}',
    expect: { status: 202 },
    after: (ctx) => expect(ctx.virtual.list({ connectionId: "anon-1" })[0]?.received[0]?.arguments).toEqual([]),
  },
  {
    name: "hub names are case-insensitive: /hubs/CHAT reaches chat",
    method: "POST",
    path: `/api/hubs/CHAT/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["alice-1", "alice-2", "bob-1", "anon-1"]),
  },
  {
    name: "application prefixes the hub (hub=Chat2, application=Contoso reaches contoso_chat2)",
    method: "POST",
    path: `/api/hubs/Chat2/:send?${V}&application=Contoso`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: (ctx) => expect(targetsOf(ctx, "contoso_chat2", "app-1")).toEqual(["newMessage"]),
  },
  {
    name: "an empty application= means no application",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}&application=`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["alice-1", "alice-2", "bob-1", "anon-1"]),
  },
  {
    name: "query parameter names are case-insensitive (API-Version)",
    method: "HEAD",
    path: "/api/hubs/chat/connections/bob-1?API-Version=2022-06-01",
    expect: { status: 200 },
  },
  {
    name: "send to connection: 202 and only that connection receives",
    method: "POST",
    path: `/api/hubs/chat/connections/bob-1/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["bob-1"]),
  },
  {
    name: "send to an unknown connection is 202 (sends to nobody)",
    method: "POST",
    path: `/api/hubs/chat/connections/ghost/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: nothingDelivered,
  },
  {
    name: "connection ids are case-sensitive: BOB-1 is nobody",
    method: "POST",
    path: `/api/hubs/chat/connections/BOB-1/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: nothingDelivered,
  },
  {
    name: "group broadcast: 202 to the group's connections",
    method: "POST",
    path: `/api/hubs/chat/groups/lobby/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["alice-1", "alice-2", "bob-1"]),
  },
  {
    name: "group broadcast honours excluded",
    method: "POST",
    path: `/api/hubs/chat/groups/lobby/:send?${V}&excluded=alice-2`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["alice-1", "bob-1"]),
  },
  {
    name: "group names are case-sensitive: Lobby is an empty group, still 202",
    method: "POST",
    path: `/api/hubs/chat/groups/Lobby/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: nothingDelivered,
  },
  {
    name: "group broadcast to an empty group is 202",
    method: "POST",
    path: `/api/hubs/chat/groups/nobody-here/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: nothingDelivered,
  },
  {
    name: "group name of 1024 characters is accepted",
    method: "POST",
    path: `/api/hubs/chat/groups/${"g".repeat(1024)}/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
  },
  {
    name: "send to user: 202 to each of the user's connections",
    method: "POST",
    path: `/api/hubs/chat/users/alice/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: receivedBy(["alice-1", "alice-2"]),
  },
  {
    name: "send to a user with no connections is 202",
    method: "POST",
    path: `/api/hubs/chat/users/carol/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: nothingDelivered,
  },
  {
    name: "user ids are case-sensitive: ALICE is nobody",
    method: "POST",
    path: `/api/hubs/chat/users/ALICE/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
    after: nothingDelivered,
  },
  // --- closes ---------------------------------------------------------------------------------------------
  {
    name: "close all connections of the hub: 204, each gets the reason",
    method: "POST",
    path: `/api/hubs/chat/:closeConnections?${V}&reason=maintenance`,
    expect: { status: 204 },
    after: closedOnly(["alice-1", "alice-2", "bob-1", "anon-1"], "maintenance"),
  },
  {
    name: "close all connections of the hub honours excluded",
    method: "POST",
    path: `/api/hubs/chat/:closeConnections?${V}&excluded=bob-1&excluded=anon-1`,
    expect: { status: 204 },
    after: closedOnly(["alice-1", "alice-2"]),
  },
  {
    name: "close group connections: 204, honours excluded; closed connections leave the group",
    method: "POST",
    path: `/api/hubs/chat/groups/lobby/:closeConnections?${V}&excluded=alice-1&reason=bye`,
    expect: { status: 204 },
    after: (ctx) => {
      closedOnly(["alice-2", "bob-1"], "bye")(ctx);
      expect(ctx.store.groupConnections("chat", "lobby").map((c) => c.id)).toEqual(["alice-1"]);
      expect(ctx.store.hasGroup("chat", "vip")).toBe(false);
    },
  },
  {
    name: "close user connections: 204, honours excluded",
    method: "POST",
    path: `/api/hubs/chat/users/alice/:closeConnections?${V}&excluded=alice-2`,
    expect: { status: 204 },
    after: closedOnly(["alice-1"]),
  },
  {
    name: "close user connections: user over 1024 characters is a 400 with .NET's StringLength text",
    method: "POST",
    path: `/api/hubs/chat/users/${"u".repeat(1025)}/:closeConnections?${V}`,
    expect: invalid("user", "The field user must be a string with a minimum length of 1 and a maximum length of 1024."),
  },
  {
    name: "close one connection: DELETE 200 with the reason; it leaves all its groups",
    method: "DELETE",
    path: `/api/hubs/chat/connections/bob-1?${V}&reason=kicked`,
    expect: { status: 200 },
    after: (ctx) => {
      closedOnly(["bob-1"], "kicked")(ctx);
      expect(ctx.store.hasGroup("chat", "vip")).toBe(false);
      expect(ctx.store.groupConnections("chat", "lobby").map((c) => c.id)).toEqual(["alice-1", "alice-2"]);
    },
  },
  {
    name: "close an unknown connection: 404 Warning.Connection.NotExisted",
    method: "DELETE",
    path: `/api/hubs/chat/connections/ghost?${V}`,
    expect: { status: 404, code: "Warning.Connection.NotExisted", target: "connectionId" },
  },
  // --- existence --------------------------------------------------------------------------------------------
  {
    name: "HEAD connection: 200",
    method: "HEAD",
    path: `/api/hubs/chat/connections/anon-1?${V}`,
    expect: { status: 200 },
  },
  {
    name: "GET connection (alias): 200",
    method: "GET",
    path: `/api/hubs/chat/connections/anon-1?${V}`,
    expect: { status: 200 },
  },
  {
    name: "HEAD unknown connection: 404 Warning.Connection.NotExisted, no body",
    method: "HEAD",
    path: `/api/hubs/chat/connections/ghost?${V}`,
    expect: { status: 404, code: "Warning.Connection.NotExisted" },
  },
  {
    name: "GET unknown connection: 404 with an ErrorDetail",
    method: "GET",
    path: `/api/hubs/chat/connections/ghost?${V}`,
    expect: { status: 404, code: "Warning.Connection.NotExisted", target: "connectionId" },
  },
  {
    name: "HEAD connection in another hub: 404",
    method: "HEAD",
    path: `/api/hubs/other/connections/anon-1?${V}`,
    expect: { status: 404, code: "Warning.Connection.NotExisted" },
  },
  {
    name: "HEAD group with connections: 200",
    method: "HEAD",
    path: `/api/hubs/chat/groups/vip?${V}`,
    expect: { status: 200 },
  },
  { name: "GET group (alias): 200", method: "GET", path: `/api/hubs/chat/groups/lobby?${V}`, expect: { status: 200 } },
  {
    name: "HEAD group with no connection: 404 Warning.Group.NotExisted",
    method: "HEAD",
    path: `/api/hubs/chat/groups/empty?${V}`,
    expect: { status: 404, code: "Warning.Group.NotExisted" },
  },
  {
    name: "GET group with only an offline user's pair: 404 (only live connections count)",
    fixture: { hubs: { chat: { userGroups: [{ user: "carol", group: "solo" }] } } },
    method: "GET",
    path: `/api/hubs/chat/groups/solo?${V}`,
    expect: { status: 404, code: "Warning.Group.NotExisted", target: "group" },
  },
  {
    name: "HEAD user with connections: 200",
    method: "HEAD",
    path: `/api/hubs/chat/users/bob?${V}`,
    expect: { status: 200 },
  },
  { name: "GET user (alias): 200", method: "GET", path: `/api/hubs/chat/users/alice?${V}`, expect: { status: 200 } },
  {
    name: "HEAD user with no connection: 404 Warning.User.NotExisted (carol is only in a user group)",
    method: "HEAD",
    path: `/api/hubs/chat/users/carol?${V}`,
    expect: { status: 404, code: "Warning.User.NotExisted" },
  },
  {
    name: "GET unknown user: 404 with an ErrorDetail",
    method: "GET",
    path: `/api/hubs/chat/users/zed?${V}`,
    expect: { status: 404, code: "Warning.User.NotExisted", target: "user" },
  },
  {
    name: "HEAD user in group via a connection in the group: 200",
    method: "HEAD",
    path: `/api/hubs/chat/users/bob/groups/vip?${V}`,
    expect: { status: 200 },
  },
  {
    name: "GET user in group (the SDK's IsUserInGroup) via a live user-group pair without connections: 200",
    method: "GET",
    path: `/api/hubs/chat/users/carol/groups/vip?${V}`,
    expect: { status: 200 },
  },
  {
    name: "HEAD user not in group: 404 Info.User.NotInGroup",
    method: "HEAD",
    path: `/api/hubs/chat/users/alice/groups/vip?${V}`,
    expect: { status: 404, code: "Info.User.NotInGroup" },
  },
  {
    name: "GET user not in group: 404 with an ErrorDetail",
    method: "GET",
    path: `/api/hubs/chat/users/alice/groups/vip?${V}`,
    expect: { status: 404, code: "Info.User.NotInGroup", target: "user" },
  },
  // --- connection <-> group ------------------------------------------------------------------------------------
  {
    name: "add connection to group: 200",
    method: "PUT",
    path: `/api/hubs/chat/groups/vip/connections/anon-1?${V}`,
    expect: { status: 200 },
    after: (ctx) => expect(ctx.store.connection("chat", "anon-1")?.groups.has("vip")).toBe(true),
  },
  {
    name: "add an unknown connection to a group: 404 Error.Connection.NotExisted",
    method: "PUT",
    path: `/api/hubs/chat/groups/vip/connections/ghost?${V}`,
    expect: { status: 404, code: "Error.Connection.NotExisted", target: "connectionId" },
  },
  {
    name: "remove connection from group: 200",
    method: "DELETE",
    path: `/api/hubs/chat/groups/vip/connections/bob-1?${V}`,
    expect: { status: 200 },
    after: (ctx) => expect(ctx.store.hasGroup("chat", "vip")).toBe(false),
  },
  {
    name: "remove a connection from a group it is not in: 404 Info.Connection.NotInGroup",
    method: "DELETE",
    path: `/api/hubs/chat/groups/vip/connections/alice-1?${V}`,
    expect: { status: 404, code: "Info.Connection.NotInGroup", target: "connectionId" },
  },
  {
    name: "remove an unknown connection from a group: 404 Info.Connection.NotInGroup",
    method: "DELETE",
    path: `/api/hubs/chat/groups/vip/connections/ghost?${V}`,
    expect: { status: 404, code: "Info.Connection.NotInGroup" },
  },
  {
    name: "remove connection from all groups: 200",
    method: "DELETE",
    path: `/api/hubs/chat/connections/bob-1/groups?${V}`,
    expect: { status: 200 },
    after: (ctx) => {
      expect(ctx.store.connection("chat", "bob-1")?.groups.size).toBe(0);
      expect(ctx.store.hasGroup("chat", "vip")).toBe(false);
    },
  },
  {
    name: "remove an unknown connection from all groups: 200",
    method: "DELETE",
    path: `/api/hubs/chat/connections/ghost/groups?${V}`,
    expect: { status: 200 },
  },
  // --- user <-> group ------------------------------------------------------------------------------------------
  {
    name: "add user to group (no ttl): 200, current connections join and the pair is stored",
    method: "PUT",
    path: `/api/hubs/chat/users/alice/groups/vip?${V}`,
    expect: { status: 200 },
    after: (ctx) => {
      expect(
        ctx.store
          .groupConnections("chat", "vip")
          .map((c) => c.id)
          .sort(),
      ).toEqual(["alice-1", "alice-2", "bob-1"]);
      expect(ctx.store.snapshot().hubs[0]?.userGroups).toContainEqual(
        expect.objectContaining({ user: "alice", group: "vip", withoutTtl: true }),
      );
    },
  },
  {
    name: "add a user with no connection to a group: 200 (the pair is stored)",
    method: "PUT",
    path: `/api/hubs/chat/users/erin/groups/vip?${V}&ttl=60`,
    expect: { status: 200 },
    after: (ctx) => expect(ctx.store.isUserInGroup("chat", "erin", "vip")).toBe(true),
  },
  {
    name: "add user to group with ttl=0: current connections only, no pair",
    method: "PUT",
    path: `/api/hubs/chat/users/alice/groups/room?${V}&ttl=0`,
    expect: { status: 200 },
    after: (ctx) => {
      expect(ctx.store.groupConnections("chat", "room").map((c) => c.id)).toEqual(["alice-1", "alice-2"]);
      expect(ctx.store.snapshot().hubs[0]?.userGroups.some((p) => p.group === "room")).toBe(false);
    },
  },
  {
    name: "add user to group with an empty ttl= means no ttl",
    method: "PUT",
    path: `/api/hubs/chat/users/alice/groups/room?${V}&ttl=`,
    expect: { status: 200 },
    after: (ctx) =>
      expect(ctx.store.snapshot().hubs[0]?.userGroups).toContainEqual(
        expect.objectContaining({ group: "room", withoutTtl: true }),
      ),
  },
  {
    name: "ttl not a number: 400",
    method: "PUT",
    path: `/api/hubs/chat/users/alice/groups/room?${V}&ttl=abc`,
    expect: invalid("ttl", "The value 'abc' is not valid for ttl."),
  },
  {
    name: "ttl not whole: 400",
    method: "PUT",
    path: `/api/hubs/chat/users/alice/groups/room?${V}&ttl=1.5`,
    expect: invalid("ttl"),
  },
  {
    name: "ttl beyond int32: 400",
    method: "PUT",
    path: `/api/hubs/chat/users/alice/groups/room?${V}&ttl=2147483648`,
    expect: invalid("ttl"),
  },
  {
    name: "remove user from group: 204, removes the pair and the user's connections from the group",
    method: "DELETE",
    path: `/api/hubs/chat/users/bob/groups/lobby?${V}`,
    expect: { status: 204 },
    after: (ctx) =>
      expect(ctx.store.groupConnections("chat", "lobby").map((c) => c.id)).toEqual(["alice-1", "alice-2"]),
  },
  {
    name: "remove an offline user from a group: 204 and the pair is gone",
    method: "DELETE",
    path: `/api/hubs/chat/users/carol/groups/vip?${V}`,
    expect: { status: 204 },
    after: (ctx) => expect(ctx.store.isUserInGroup("chat", "carol", "vip")).toBe(false),
  },
  {
    name: "remove user from all groups: 204, every group of the user's connections and pairs",
    method: "DELETE",
    path: `/api/hubs/chat/users/bob/groups?${V}`,
    expect: { status: 204 },
    after: (ctx) => {
      expect(ctx.store.connection("chat", "bob-1")?.groups.size).toBe(0);
      expect(ctx.store.hasGroup("chat", "vip")).toBe(false);
    },
  },
  // --- validation -------------------------------------------------------------------------------------------------
  {
    name: "hub with a hyphen: 400",
    method: "POST",
    path: `/api/hubs/a-b/:send?${V}`,
    body: SEND_BODY,
    expect: invalid("hub", HUB_MESSAGE),
  },
  {
    name: "hub starting with a digit: 400",
    method: "HEAD",
    path: `/api/hubs/9chat/users/a?${V}`,
    expect: { status: 400, code: "Error.Request.Invalid" },
  },
  {
    name: "hub of 129 characters: 400",
    method: "GET",
    path: `/api/hubs/h${"x".repeat(128)}/users/a?${V}`,
    expect: invalid("hub", HUB_MESSAGE),
  },
  {
    name: "hub of 128 characters is fine",
    method: "POST",
    path: `/api/hubs/h${"x".repeat(127)}/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
  },
  {
    name: "hub with the spec's symbols _`,.[] is fine",
    method: "POST",
    path: `/api/hubs/a_%60,.%5B%5D/:send?${V}`,
    body: SEND_BODY,
    expect: { status: 202 },
  },
  {
    name: "application starting with a digit: 400",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}&application=1app`,
    body: SEND_BODY,
    expect: invalid("application", APP_MESSAGE),
    after: nothingDelivered,
  },
  {
    name: "application with a hyphen: 400",
    method: "DELETE",
    path: `/api/hubs/chat/users/bob/groups?${V}&application=my-app`,
    expect: invalid("application", APP_MESSAGE),
  },
  ...groupValidationCases,
  // --- api-version ------------------------------------------------------------------------------------------------
  {
    name: "api-version missing: 400 MissingApiVersionParameter",
    method: "POST",
    path: "/api/hubs/chat/:send",
    body: SEND_BODY,
    expect: {
      status: 400,
      code: "MissingApiVersionParameter",
      target: "api-version",
      message: "The api-version query parameter (?api-version=) is required for all requests.",
    },
    after: nothingDelivered,
  },
  {
    name: "api-version empty counts as missing",
    method: "GET",
    path: "/api/hubs/chat/users/bob?api-version=",
    expect: { status: 400, code: "MissingApiVersionParameter" },
  },
  {
    name: "api-version missing on HEAD: 400 with the header and no body",
    method: "HEAD",
    path: "/api/health",
    auth: "none",
    expect: { status: 400, code: "MissingApiVersionParameter" },
  },
  {
    name: "api-version unsupported: 400 UnsupportedApiVersionValue listing the supported ones",
    method: "DELETE",
    path: "/api/hubs/chat/users/bob/groups?api-version=2023-07-01",
    expect: {
      status: 400,
      code: "UnsupportedApiVersionValue",
      target: "api-version",
      message: "Unsupported api-version '2023-07-01'. The supported api-versions are '2022-06-01, 2024-12-01'.",
    },
  },
  {
    name: "api-version set is configurable",
    apiVersions: ["2022-06-01", "2024-12-01"],
    method: "DELETE",
    path: "/api/hubs/chat/users/bob/groups?api-version=2024-12-01",
    expect: { status: 204 },
  },
  {
    name: "a configured set is listed in the message",
    apiVersions: ["2022-06-01", "2024-12-01"],
    method: "GET",
    path: "/api/hubs/chat/users/bob?api-version=1.0",
    expect: { status: 400, code: "UnsupportedApiVersionValue", message: /are '2022-06-01, 2024-12-01'/ },
  },
  // --- body ---------------------------------------------------------------------------------------------------------
  {
    name: "no body: 400 'Message in request body is required.'",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    expect: invalid("message", "Message in request body is required."),
  },
  {
    name: "empty JSON body: 400",
    method: "POST",
    path: `/api/hubs/chat/users/bob/:send?${V}`,
    body: "",
    expect: invalid("message", "Message in request body is required."),
  },
  {
    name: "malformed JSON: 400",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: "{not json",
    expect: invalid("message", /^The request body is not valid JSON/),
    after: nothingDelivered,
  },
  {
    name: "a JSON array body: 400",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: "[]",
    expect: invalid("message"),
  },
  {
    name: "a JSON string body: 400",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: '"hi"',
    expect: invalid("message"),
  },
  {
    name: "missing target: 400",
    method: "POST",
    path: `/api/hubs/chat/groups/lobby/:send?${V}`,
    body: '{"arguments":[]}',
    expect: invalid("message.target", "The Target field is required."),
    after: nothingDelivered,
  },
  {
    name: "empty target: 400",
    method: "POST",
    path: `/api/hubs/chat/connections/bob-1/:send?${V}`,
    body: '{"target":""}',
    expect: invalid("message.target", "The Target field is required."),
    after: nothingDelivered,
  },
  {
    name: "target not a string: 400",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: '{"target":7}',
    expect: invalid("message.target"),
  },
  {
    name: "arguments not an array: 400",
    method: "POST",
    path: `/api/hubs/chat/users/bob/:send?${V}`,
    body: '{"target":"t","arguments":{"a":1}}',
    expect: invalid("message.arguments", "The Arguments field must be an array."),
    after: nothingDelivered,
  },
  {
    name: "a UTF-8 BOM before the JSON is tolerated",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEND_BODY)]),
    expect: { status: 202 },
  },
  {
    name: "body of exactly 1 MiB is accepted",
    method: "POST",
    path: `/api/hubs/chat/users/bob/:send?${V}`,
    body: padded(1024 * 1024),
    expect: { status: 202 },
    after: (ctx) => expect(targetsOf(ctx, "chat", "bob-1")).toEqual(["big"]),
  },
  {
    name: "body over 1 MiB: 413 with an ErrorDetail",
    method: "POST",
    path: `/api/hubs/chat/users/bob/:send?${V}`,
    body: padded(1024 * 1024 + 1),
    expect: { status: 413, code: "Error.Request.PayloadTooLarge", target: "message" },
    after: nothingDelivered,
  },
  {
    name: "charset=utf-8 is accepted",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    contentType: "application/json; charset=utf-8",
    expect: { status: 202 },
  },
  {
    name: "text/json is accepted",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    contentType: "text/json",
    expect: { status: 202 },
  },
  {
    name: "a +json media type is accepted",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    contentType: "application/vnd.hubkit+json",
    expect: { status: 202 },
  },
  {
    name: "text/plain: 415",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    contentType: "text/plain",
    expect: { status: 415, code: "Error.Request.UnsupportedMediaType", target: "Content-Type" },
    after: nothingDelivered,
  },
  {
    name: "application/x-msgpack: 415, a later feature",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: Buffer.from([0x80]),
    contentType: "application/x-msgpack",
    expect: { status: 415, code: "Error.Request.UnsupportedMediaType", message: /later feature/ },
  },
  {
    name: "application/octet-stream (the SDK's binary body): 415, a later feature",
    method: "POST",
    path: `/api/hubs/chat/groups/g/:send?${V}`,
    body: Buffer.from([0x81]),
    contentType: "application/octet-stream",
    expect: { status: 415, code: "Error.Request.UnsupportedMediaType", message: /later feature/ },
  },
  {
    name: "charset=utf-16: 415",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    contentType: "application/json; charset=utf-16",
    expect: { status: 415, code: "Error.Request.UnsupportedMediaType", message: /utf-16/ },
  },
  {
    name: "a body without Content-Type: 415",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: Buffer.from(SEND_BODY),
    contentType: null,
    expect: { status: 415, code: "Error.Request.UnsupportedMediaType" },
  },
  // --- auth -----------------------------------------------------------------------------------------------------------
  {
    name: "no token: 401, empty body, bare Bearer challenge",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}`,
    body: SEND_BODY,
    auth: "none",
    expect: { status: 401 },
    after: nothingDelivered,
  },
  {
    name: "another scheme counts as no token",
    method: "HEAD",
    path: `/api/hubs/chat/users/bob?${V}`,
    auth: { header: "Basic dXNlcjpwYXNz" },
    expect: { status: 401 },
  },
  {
    name: "expired token: 401 'The token is expired'",
    method: "DELETE",
    path: `/api/hubs/chat/connections/bob-1?${V}`,
    auth: "expired",
    expect: { status: 401, challenge: authFailures.expired.challenge },
    after: closedOnly([]),
  },
  {
    name: "token without exp: 401",
    method: "GET",
    path: `/api/hubs/chat/users/bob?${V}`,
    auth: "missing-exp",
    expect: { status: 401, challenge: authFailures.noExpiration.challenge },
  },
  {
    name: "wrong key: 401 'The signature is invalid'",
    method: "POST",
    path: `/api/hubs/chat/:closeConnections?${V}`,
    auth: "wrong-key",
    expect: { status: 401, challenge: authFailures.signature.challenge },
    after: closedOnly([]),
  },
  {
    name: "wrong audience: 401 'The audience is invalid'",
    method: "PUT",
    path: `/api/hubs/chat/users/bob/groups/g?${V}`,
    auth: "wrong-audience",
    expect: { status: 401, challenge: authFailures.audience.challenge },
  },
  {
    name: "HS512 token: 401",
    method: "HEAD",
    path: `/api/hubs/chat/groups/vip?${V}`,
    auth: "wrong-algorithm",
    expect: { status: 401, challenge: authFailures.signature.challenge },
  },
  {
    name: "tampered token: 401",
    method: "HEAD",
    path: `/api/hubs/chat/groups/vip?${V}`,
    auth: "tampered",
    expect: { status: 401, challenge: authFailures.signature.challenge },
  },
  {
    name: "not a JWT: 401 malformed",
    method: "HEAD",
    path: `/api/hubs/chat/groups/vip?${V}`,
    auth: "malformed",
    expect: { status: 401, challenge: authFailures.malformed.challenge },
  },
  // --- check order: route -> auth -> api-version -> params -> body ------------------------------------------------------
  {
    name: "order: auth before api-version",
    method: "POST",
    path: "/api/hubs/chat/:send",
    body: SEND_BODY,
    auth: "none",
    expect: { status: 401 },
  },
  {
    name: "order: auth before parameters",
    method: "POST",
    path: `/api/hubs/a-b/:send?${V}`,
    body: SEND_BODY,
    auth: "none",
    expect: { status: 401 },
  },
  {
    name: "order: api-version before parameters",
    method: "POST",
    path: "/api/hubs/a-b/:send?api-version=1",
    body: SEND_BODY,
    expect: { status: 400, code: "UnsupportedApiVersionValue" },
  },
  {
    name: "order: parameters before body",
    method: "POST",
    path: `/api/hubs/a-b/:send?${V}`,
    body: "{bad",
    expect: invalid("hub"),
  },
  {
    name: "order: parameters before content type",
    method: "POST",
    path: `/api/hubs/chat/:send?${V}&application=9`,
    body: SEND_BODY,
    contentType: "text/plain",
    expect: invalid("application"),
  },
  {
    name: "order: route before auth (unknown path without a token is 404)",
    method: "GET",
    path: "/api/hubs/chat/nothing-here",
    auth: "none",
    expect: notFoundRoute,
  },
  // --- routes ---------------------------------------------------------------------------------------------------------------
  {
    name: "unknown route: 404 Error.Route.NotFound",
    method: "POST",
    path: `/api/hubs/chat/:broadcast?${V}`,
    body: SEND_BODY,
    expect: notFoundRoute,
  },
  { name: "the root path: 404", method: "GET", path: "/", auth: "none", expect: notFoundRoute },
  {
    name: "HEAD unknown route: 404 with the header, no body",
    method: "HEAD",
    path: "/nothing",
    auth: "none",
    expect: { status: 404, code: "Error.Route.NotFound" },
  },
  {
    name: "an empty path segment never matches: 404",
    method: "HEAD",
    path: `/api/hubs/chat/users//groups/g?${V}`,
    expect: { status: 404, code: "Error.Route.NotFound" },
  },
  {
    name: "v1 paths are not served: 404",
    method: "POST",
    path: "/api/v1/hubs/chat",
    body: SEND_BODY,
    expect: notFoundRoute,
  },
  {
    name: "wrong method: 405 with Allow",
    method: "GET",
    path: `/api/hubs/chat/:send?${V}`,
    expect: { status: 405, code: "Error.Method.NotAllowed", target: "method", allow: "POST" },
  },
  {
    name: "GET health: 405 Allow HEAD (health is HEAD only in the spec)",
    method: "GET",
    path: `/api/health?${V}`,
    auth: "none",
    expect: { status: 405, code: "Error.Method.NotAllowed", allow: "HEAD" },
  },
  {
    name: "HEAD on a POST path: 405, no body",
    method: "HEAD",
    path: `/api/hubs/chat/:closeConnections?${V}`,
    expect: { status: 405, code: "Error.Method.NotAllowed", allow: "POST" },
  },
  {
    name: "405 lists every method and the GET alias",
    method: "POST",
    path: `/api/hubs/chat/users/bob/groups/g?${V}`,
    body: SEND_BODY,
    expect: { status: 405, code: "Error.Method.NotAllowed", allow: "DELETE, HEAD, GET, PUT" },
  },
];

function padded(size: number): Buffer {
  const head = '{"target":"big","arguments":["';
  const tail = '"]}';
  return Buffer.from(head + "x".repeat(size - head.length - tail.length) + tail);
}
