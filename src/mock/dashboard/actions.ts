// Dashboard actions, each through the code path a script would use: REST operations via RestApi.invoke, fixtures
// and reset via the admin API's functions. Every answer carries the equivalent curl line.
import { HubkitError, HubkitErrorList } from "../../errors.js";
import { HubSession } from "../client/hub-session.js";
import { MOCK_ERRORS, type MockErrorName } from "../error-templates.js";
import { type ErrorDetail, MockErrorCodes } from "../errors.js";
import type { MockEvents } from "../events.js";
import { applyFixture, type FixtureSpec, parseFixture } from "../fixtures/index.js";
import type { RestApi } from "../rest/rest-api.js";
import { effectiveHubName, type Store } from "../store.js";
import { type Input, InputError, oneOf, parseArguments, text } from "./action-input.js";
import { curlFor } from "./curl.js";

export interface ActionContext {
  rest: RestApi;
  store: Store;
  events: MockEvents;
  /** The mock's SpecIndex (name rules and operations fixtures are checked against). */
  spec: FixtureSpec;
  /** The api-version the REST calls (and curl lines) use. */
  apiVersion: string;
  /** The mock's origin as the browser addressed it. */
  origin: string;
  customKey: boolean;
}

/** A fixture problem as the form shows it: 1-based line and column in the pasted text. */
export interface ActionProblem extends ErrorDetail {
  line?: number;
  column?: number;
}

export interface ActionError extends ErrorDetail {
  details?: ActionProblem[];
}

export type ActionResult =
  | { ok: true; status: number; summary: string; curl?: string; note?: string }
  | { ok: false; status: number; error: ActionError; curl?: string; note?: string };

type Action = (input: Input, ctx: ActionContext) => ActionResult;

const enc = encodeURIComponent;

/** Runs one REST operation the way a client would send it; records it in the event stream. */
function restCall(
  ctx: ActionContext,
  request: { method: string; path: string; query?: Record<string, string | undefined>; body?: unknown },
  summary: string,
): ActionResult {
  const query = new URLSearchParams({ "api-version": ctx.apiVersion });
  for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(name, value);
  const rawQuery = query.toString().replaceAll("+", "%20");
  const bodyText = request.body === undefined ? undefined : JSON.stringify(request.body);
  const curl = curlFor({
    method: request.method,
    origin: ctx.origin,
    target: `${request.path}?${rawQuery}`,
    tokenFor: `${request.path}?${rawQuery}`,
    customKey: ctx.customKey,
    ...(bodyText === undefined ? {} : { body: { type: "application/json", text: bodyText } }),
  });
  const answer = ctx.rest.invoke({
    method: request.method,
    rawPath: request.path,
    rawQuery,
    ...(bodyText === undefined ? {} : { body: Buffer.from(bodyText, "utf8") }),
  });
  ctx.events.publish({
    kind: "admin",
    summary: `dashboard: ${request.method} ${request.path} -> ${answer.status}`,
    detail: { status: answer.status },
  });
  if (answer.error) return { ok: false, status: answer.status, error: answer.error.detail, curl };
  return { ok: true, status: answer.status, summary: `${summary} (${answer.status})`, curl };
}

function hubOf(input: Input): { hub: string; application?: string } {
  const hub = text(input, "hub", { required: true })!;
  const application = text(input, "application");
  return application === undefined ? { hub } : { hub, application };
}

const send: Action = (input, ctx) => {
  const { hub, application } = hubOf(input);
  const to = oneOf(input, "to", ["all", "user", "group", "connection"] as const);
  const name = to === "all" ? undefined : text(input, "name", { required: true })!;
  const target = text(input, "target") ?? "";
  const body = { target, arguments: parseArguments(input) };
  const base = `/api/hubs/${enc(hub)}`;
  const path =
    to === "all"
      ? `${base}/:send`
      : `${base}/${to === "user" ? "users" : to === "group" ? "groups" : "connections"}/${enc(name!)}/:send`;
  const who = to === "all" ? `everyone in ${hub}` : `${to} ${name}`;
  return restCall(ctx, { method: "POST", path, query: { application }, body }, `Sent '${target}' to ${who}`);
};

const groupMembership =
  (add: boolean): Action =>
  (input, ctx) => {
    const { hub, application } = hubOf(input);
    const member = oneOf(input, "member", ["connection", "user"] as const);
    const id = text(input, "id", { required: true })!;
    const group = text(input, "group", { required: true })!;
    const base = `/api/hubs/${enc(hub)}`;
    const verb = add ? "Added" : "Removed";
    const summary = `${verb} ${member} ${id} ${add ? "to" : "from"} group ${group}`;
    if (member === "connection") {
      const path = `${base}/groups/${enc(group)}/connections/${enc(id)}`;
      return restCall(ctx, { method: add ? "PUT" : "DELETE", path, query: { application } }, summary);
    }
    const path = `${base}/users/${enc(id)}/groups/${enc(group)}`;
    const ttl = add ? text(input, "ttl") : undefined;
    return restCall(ctx, { method: add ? "PUT" : "DELETE", path, query: { application, ttl } }, summary);
  };

const close: Action = (input, ctx) => {
  const { hub, application } = hubOf(input);
  const id = text(input, "connectionId", { required: true })!;
  const reason = text(input, "reason");
  return restCall(
    ctx,
    { method: "DELETE", path: `/api/hubs/${enc(hub)}/connections/${enc(id)}`, query: { application, reason } },
    `Closed connection ${id}`,
  );
};

const DROP_NOTE =
  "No REST or admin equivalent: a drop is what a network failure does (the transport ends without a Close message).";

/** Ends the transport without a hub Close message, as a lost network would; virtual connections just vanish. */
const drop: Action = (input, ctx) => {
  const { hub, application } = hubOf(input);
  const id = text(input, "connectionId", { required: true })!;
  const effective = effectiveHubName(hub, application);
  const connection = ctx.store.connection(effective, id);
  if (!connection) {
    return refused(
      "connectionNotExisted",
      { message: `Connection ${id} does not exist in hub ${effective}.`, target: "connectionId" },
      { note: DROP_NOTE },
    );
  }
  const reason = "transport dropped from the dashboard (no Close message)";
  // A real network cut where the transport can have one (WebSockets: a stateful-reconnect client may resume);
  // otherwise the session ends without a Close message.
  if (connection.sink instanceof HubSession) {
    if (!connection.sink.drop()) connection.sink.end(reason);
  } else ctx.store.disconnect(effective, id, reason);
  ctx.events.publish({ kind: "fault", hub: effective, connectionId: id, summary: `dashboard: dropped ${id}` });
  return { ok: true, status: 200, summary: `Dropped the transport of ${id}`, note: DROP_NOTE };
};

function adminCurl(ctx: ActionContext, path: string, body?: { type: string; text: string }): string {
  return curlFor({
    method: "POST",
    origin: ctx.origin,
    target: path,
    tokenFor: "/_hubkit/",
    customKey: ctx.customKey,
    ...(body ? { body } : {}),
  });
}

/** The same parse and apply as POST /_hubkit/fixtures; problems keep their line and column in the pasted text. */
const fixture: Action = (input, ctx) => {
  const yaml = text(input, "yaml", { required: true })!;
  const curl = adminCurl(ctx, "/_hubkit/fixtures", { type: "application/yaml", text: "@state.yaml" });
  try {
    const applied = applyFixture(ctx.store, parseFixture(yaml, "fixture", ctx.spec), ctx.spec);
    ctx.events.publish({ kind: "admin", summary: "dashboard: fixture applied", detail: { ...applied } });
    return { ok: true, status: 200, summary: `Fixture applied: ${JSON.stringify(applied)}`, curl };
  } catch (error) {
    if (!(error instanceof HubkitError)) throw error;
    const problems = error instanceof HubkitErrorList ? error.problems : [error];
    const details: ActionProblem[] = problems.map((p) => ({
      code: MockErrorCodes.fixtureInvalid,
      message: `${p.message}${p.hint ? ` (${p.hint})` : ""}`,
      ...(p.position ? { line: p.position.line, column: p.position.column } : {}),
    }));
    return refused("fixtureInvalid", { message: error.message, target: "yaml", details }, { curl });
  }
};

const reset: Action = (_input, ctx) => {
  ctx.store.reset();
  ctx.events.publish({ kind: "admin", summary: "dashboard: state reset" });
  return {
    ok: true,
    status: 204,
    summary: "State reset: every connection closed, every hub forgotten",
    curl: adminCurl(ctx, "/_hubkit/reset"),
  };
};

export const ACTIONS: Readonly<Record<string, Action>> = {
  send,
  "add-to-group": groupMembership(true),
  "remove-from-group": groupMembership(false),
  close,
  drop,
  fixture,
  reset,
};

/** Runs a named action on a parsed JSON body; bad input becomes a 400 naming the field. */
export function runAction(name: string, input: unknown, ctx: ActionContext): ActionResult {
  const action = ACTIONS[name]!;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return invalidInput("body", "The action body must be a JSON object of form fields.");
  }
  try {
    return action(input as Input, ctx);
  } catch (error) {
    if (error instanceof InputError) return invalidInput(error.target, error.message);
    throw error;
  }
}

function invalidInput(target: string, message: string): ActionResult {
  return refused("dashboardInvalidInput", { message, target });
}

/** A refused action answers with the status and code of a mock error template, as the HTTP endpoints do. */
function refused(
  name: MockErrorName,
  error: Omit<ActionError, "code">,
  extra: { curl?: string; note?: string } = {},
): ActionResult {
  const { status, code } = MOCK_ERRORS[name];
  return { ok: false, status, error: { code, ...error }, ...extra };
}
