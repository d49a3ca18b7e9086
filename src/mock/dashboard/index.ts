// The live dashboard at /_hubkit/: its page, its session, its JSON API (state, actions) and its event stream.
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestScheme } from "../client/http-util.js";
import { MockHttpError, mockError, sendError, sendInternalError, sendJson } from "../errors.js";
import type { MockEvents } from "../events.js";
import type { FixtureSpec } from "../fixtures/index.js";
import { readBody } from "../rest/read-body.js";
import type { RestApi } from "../rest/rest-api.js";
import type { Store } from "../store.js";
import { DashboardAccess } from "./access.js";
import { ACTIONS, type ActionContext, runAction } from "./actions.js";
import { isAsset, sendAsset } from "./assets.js";
import { type EventStream, openEventStream } from "./event-stream.js";
import { DeliveryCounter, dashboardState, withTransport } from "./state.js";

export { isLoopbackBind } from "./access.js";

export const DASHBOARD_PATH = "/_hubkit/";
const ROOT = "/_hubkit/dashboard/";
const API = `${ROOT}api/`;

export interface DashboardOptions {
  store: Store;
  rest: RestApi;
  events: MockEvents;
  /** The mock's SpecIndex: fixtures pasted in the dashboard are checked against it. */
  spec: FixtureSpec;
  accessKeys: readonly string[];
  /** True unless the emulator's published key is the first key (curl lines then need the user's key). */
  customKey: boolean;
  apiVersion: string;
  /** Non-loopback bind: a session needs an access key. */
  requireLogin: boolean;
}

export interface Dashboard {
  /** True for the dashboard's own paths: `/_hubkit`, `/_hubkit/` and `/_hubkit/dashboard...`. */
  owns(rawPath: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, rawPath: string): void;
  close(): void;
}

export function createDashboard(options: DashboardOptions): Dashboard {
  const access = new DashboardAccess({ accessKeys: options.accessKeys, requireLogin: options.requireLogin });
  const delivered = new DeliveryCounter(options.store);
  const streams = new Set<EventStream>();
  const state = () => dashboardState(options.store, delivered);

  const api = (req: IncomingMessage, res: ServerResponse, route: string): void => {
    const method = req.method ?? "GET";
    if (route === "session") {
      if (method === "GET") {
        sendJson(res, 200, { session: access.hasSession(req), loginRequired: access.requireLogin });
        return;
      }
      allow(method, ["GET", "POST"]);
      requireOrigin(access, req);
      readJson(req, res, (body) => {
        const key = typeof body === "object" && body !== null ? (body as { accessKey?: unknown }).accessKey : undefined;
        const grant = access.grant(req, res, typeof key === "string" ? key : undefined);
        if (!grant.ok) throw mockError(grant.error, grant.message, { target: grant.target });
        delivered.start();
        sendJson(res, 200, { session: true, loginRequired: access.requireLogin });
      });
      return;
    }
    if (!access.hasSession(req)) {
      throw mockError(
        "dashboardSessionRequired",
        access.requireLogin
          ? "No dashboard session: sign in on the dashboard page with one of the mock's access keys."
          : "No dashboard session: open the dashboard page (it starts a session for loopback clients).",
        { target: "session" },
      );
    }
    if (route === "state") {
      allow(method, ["GET"]);
      sendJson(res, 200, state());
      return;
    }
    if (route === "events") {
      allow(method, ["GET"]);
      const stream = openEventStream(req, res, {
        events: options.events,
        state,
        enrich: (event) => withTransport(options.store, event),
      });
      streams.add(stream);
      res.on("close", () => streams.delete(stream));
      return;
    }
    if (route.startsWith("actions/") && Object.hasOwn(ACTIONS, route.slice(8))) {
      allow(method, ["POST"]);
      requireOrigin(access, req);
      readJson(req, res, (body) => {
        const ctx: ActionContext = {
          rest: options.rest,
          store: options.store,
          events: options.events,
          spec: options.spec,
          apiVersion: options.apiVersion,
          origin: `${requestScheme(req)}://${req.headers.host ?? "localhost"}`,
          customKey: options.customKey,
        };
        const result = runAction(route.slice(8), body, ctx);
        sendJson(res, result.ok ? 200 : result.status, result);
      });
      return;
    }
    throw notFound(req);
  };

  return {
    owns(rawPath) {
      return rawPath === "/_hubkit" || rawPath === DASHBOARD_PATH || rawPath.startsWith(ROOT.slice(0, -1));
    },
    handle(req, res, rawPath) {
      try {
        const method = req.method ?? "GET";
        if (rawPath === "/_hubkit" || rawPath === ROOT || rawPath === ROOT.slice(0, -1)) {
          res.writeHead(308, { Location: DASHBOARD_PATH, "Content-Length": 0 }).end();
        } else if (rawPath === DASHBOARD_PATH) {
          allow(method, ["GET", "HEAD"]);
          void sendAsset(res, "index.html", method === "HEAD");
        } else if (rawPath.startsWith(`${ROOT}assets/`) && isAsset(rawPath.slice(ROOT.length + 7))) {
          allow(method, ["GET", "HEAD"]);
          void sendAsset(res, rawPath.slice(ROOT.length + 7), method === "HEAD");
        } else if (rawPath.startsWith(API)) api(req, res, rawPath.slice(API.length));
        else throw notFound(req);
      } catch (error) {
        answer(req, res, error);
      }
    },
    close() {
      for (const stream of streams) stream.end();
      streams.clear();
      access.clear();
      delivered.stop();
    },
  };
}

function allow(method: string, methods: readonly string[]): void {
  if (methods.includes(method)) return;
  const list = methods.join(", ");
  throw mockError("methodNotAllowed", `Method ${method} is not allowed here; it accepts ${list}.`, {
    target: "method",
    headers: { allow: list },
  });
}

function requireOrigin(access: DashboardAccess, req: IncomingMessage): void {
  if (access.sameOrigin(req)) return;
  throw mockError(
    "dashboardOriginRefused",
    `Dashboard calls that change state must come from the dashboard's own page (Origin ${req.headers.origin ?? "missing"}). Scripts use the REST or admin API instead.`,
    { target: "Origin" },
  );
}

function notFound(req: IncomingMessage): MockHttpError {
  return mockError(
    "routeNotFound",
    `No dashboard route ${req.method} ${(req.url ?? "").slice(0, 200)}. The dashboard is at /_hubkit/.`,
    { target: "path" },
  );
}

/** Reads a JSON body (empty = {}); a bad body is a 400, and any error thrown by `use` is answered. */
function readJson(req: IncomingMessage, res: ServerResponse, use: (body: unknown) => void): void {
  readBody(req, (body) => {
    try {
      if (body instanceof MockHttpError) throw body;
      let value: unknown = {};
      if (body.length > 0) {
        try {
          value = JSON.parse(body.toString("utf8"));
        } catch (error) {
          throw mockError("invalidRequest", `The request body is not valid JSON: ${(error as Error).message}`, {
            target: "body",
          });
        }
      }
      use(value);
    } catch (error) {
      answer(req, res, error);
    }
  });
}

function answer(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (error instanceof MockHttpError) sendError(res, req.method, error);
  else sendInternalError(res, req.method, error);
}
