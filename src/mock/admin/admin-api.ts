// The admin API under /_hubkit/ (not part of the service): state snapshot, fixtures, reset, recorded messages.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthResult, TokenVerifier } from "../../auth/index.js";
import { HubkitError, HubkitErrorList } from "../../errors.js";
import { requestScheme } from "../client/http-util.js";
import {
  type ErrorDetail,
  invalidParameter,
  MockErrorCodes,
  MockHttpError,
  mockError,
  sendEmpty,
  sendError,
  sendInternalError,
  sendJson,
  sendUnauthorized,
} from "../errors.js";
import { faultAdminRoutes } from "../faults/admin-routes.js";
import type { MockFaults } from "../faults/index.js";
import { applyFixture, type FixtureSpec, parseFixture } from "../fixtures/index.js";
import { offOnNetwork } from "../network-policy.js";
import { firstValue, parseQuery } from "../rest/query.js";
import { readBody } from "../rest/read-body.js";
import type { Store } from "../store.js";
import { applyUpstreamFixture, type UpstreamDispatcher } from "../upstream/index.js";
import { answerUpstream } from "./upstream-route.js";
import type { VirtualConnections } from "./virtual-connections.js";

export const ADMIN_PREFIX = "/_hubkit/";

export interface AdminApiOptions {
  store: Store;
  verifier: TokenVerifier;
  virtualConnections: VirtualConnections;
  upstream?: UpstreamDispatcher;
  /** The mock's SpecIndex: fixtures posted here are checked against its name rules and operations. */
  spec: FixtureSpec;
  /** Adds /_hubkit/faults and /_hubkit/attempts; fixtures posted with `faults:` add their rules. */
  faults?: MockFaults;
  /** Off on a network bind unless asked for (`--admin-api`): every admin route is then a 404. Default true. */
  enabled?: boolean;
}

type AdminRoute = (req: IncomingMessage, res: ServerResponse, rawQuery: string) => void;

/** Fixture bodies: JSON is YAML, so one parser serves both (and keeps line:col in errors). */
const FIXTURE_TYPES = /^(application\/(json|yaml|x-yaml)|text\/(yaml|x-yaml|plain)|application\/[^/]*\+json)$/;

export class AdminApi {
  private readonly routes: ReadonlyMap<string, ReadonlyMap<string, AdminRoute>>;

  constructor(private readonly options: AdminApiOptions) {
    this.routes = new Map([
      [`${ADMIN_PREFIX}state`, new Map([["GET", this.state]])],
      [`${ADMIN_PREFIX}fixtures`, new Map([["POST", this.fixtures]])],
      [`${ADMIN_PREFIX}reset`, new Map([["POST", this.reset]])],
      [`${ADMIN_PREFIX}messages`, new Map([["GET", this.messages]])],
      [`${ADMIN_PREFIX}upstream`, new Map([["GET", this.upstream]])],
      ...(options.faults ? faultAdminRoutes(options.faults, answerError) : []),
    ]);
  }

  /** Order as on REST: route, then auth (a token for the admin URL), then the route itself. Never throws. */
  handle(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): void {
    try {
      if (this.options.enabled === false) throw offOnNetwork("admin API", "--admin-api");
      const methods = this.routes.get(rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath);
      if (!methods) {
        throw mockError(
          "routeNotFound",
          `No admin route ${rawPath}. Admin routes: GET /_hubkit/state, POST /_hubkit/fixtures, POST /_hubkit/reset, GET /_hubkit/messages, GET /_hubkit/upstream, GET/POST/DELETE /_hubkit/faults, GET/DELETE /_hubkit/attempts.`,
          { target: "path" },
        );
      }
      const route = methods.get(req.method ?? "GET");
      if (!route) {
        const allow = [...methods.keys()].join(", ");
        throw mockError("methodNotAllowed", `Method ${req.method} is not allowed on ${rawPath}; it accepts ${allow}.`, {
          target: "method",
          headers: { allow },
        });
      }
      const auth = verifyAdmin(this.options.verifier, req, rawPath);
      if (!auth.ok) {
        sendUnauthorized(res, auth.challenge);
        return;
      }
      route(req, res, rawQuery);
    } catch (error) {
      answerError(req, res, error);
    }
  }

  private readonly state: AdminRoute = (_req, res) => {
    sendJson(res, 200, this.options.store.snapshot());
  };

  private readonly reset: AdminRoute = (_req, res) => {
    this.options.store.reset();
    sendEmpty(res, 204);
  };

  private readonly messages: AdminRoute = (_req, res, rawQuery) => {
    const query = parseQuery(rawQuery);
    const filter: { hub?: string; connectionId?: string } = {};
    const hub = firstValue(query, "hub");
    const connectionId = firstValue(query, "connectionid");
    if (hub !== undefined) filter.hub = hub;
    if (connectionId !== undefined) filter.connectionId = connectionId;
    const { after, limit } = readPaging(firstValue(query, "cursor"), firstValue(query, "limit"));
    const page = this.options.virtualConnections.page(filter, after, limit);
    sendJson(res, 200, {
      connections: page.records,
      ...(page.next === undefined ? {} : { nextCursor: String(page.next) }),
    });
  };

  private readonly upstream: AdminRoute = (_req, res, rawQuery) => {
    answerUpstream(res, rawQuery, this.options.upstream);
  };

  private readonly fixtures: AdminRoute = (req, res) => {
    const type = (req.headers["content-type"] ?? "application/yaml").split(";")[0]!.trim().toLowerCase();
    if (!FIXTURE_TYPES.test(type)) {
      throw mockError(
        "unsupportedMediaType",
        `Content-Type '${type}' is not supported for fixtures. Send the fixture as application/json or application/yaml.`,
        { target: "Content-Type" },
      );
    }
    readBody(req, (body) => {
      try {
        if (body instanceof MockHttpError) throw body;
        const fixture = parseFixture(body.toString("utf8"), "request body", this.options.spec);
        if (fixture.faults) this.options.faults?.add(fixture.faults, "request body");
        const applied = applyFixture(this.options.store, fixture, this.options.spec);
        if (this.options.upstream) applyUpstreamFixture(this.options.upstream, fixture);
        sendJson(res, 200, { applied, state: this.options.store.snapshot() });
      } catch (error) {
        answerError(req, res, error);
      }
    });
  };
}

/**
 * The token's `aud` must name the admin API, compared like REST audiences (scheme, host, path): the route itself
 * (`/_hubkit/state`) or the admin prefix (`/_hubkit/`, one token for every route). Any other audience is refused:
 * the no-credentials dev negotiate hands out signed client tokens (`/client/?hub=`) to anyone, and a REST token
 * grants one REST call, not the power to reset the mock.
 */
function verifyAdmin(verifier: TokenVerifier, req: IncomingMessage, rawPath: string): AuthResult {
  const target = { scheme: requestScheme(req), host: req.headers.host ?? "", path: rawPath };
  const route = verifier.verifyRest(req.headers.authorization, target);
  if (route.ok || route.reason !== "audience") return route;
  return verifier.verifyRest(req.headers.authorization, { ...target, path: ADMIN_PREFIX });
}

/** Connections per page of GET /_hubkit/messages: 100 unless `limit` says otherwise (1 to 1000). */
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

function readPaging(cursor: string | undefined, limit: string | undefined): { after: number; limit: number } {
  if (cursor !== undefined && !/^\d{1,15}$/.test(cursor)) {
    throw invalidParameter(
      "cursor",
      "The cursor is not one this mock handed out: pass nextCursor from the previous page.",
    );
  }
  const size = limit === undefined ? DEFAULT_PAGE : /^\d{1,4}$/.test(limit) ? Number(limit) : Number.NaN;
  if (!(size >= 1 && size <= MAX_PAGE)) {
    throw invalidParameter("limit", `The limit must be a whole number from 1 to ${MAX_PAGE}, found '${limit}'.`);
  }
  return { after: cursor === undefined ? 0 : Number(cursor), limit: size };
}

function answerError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (error instanceof MockHttpError) sendError(res, req.method, error);
  else if (error instanceof HubkitError) sendError(res, req.method, fixtureError(error));
  else sendInternalError(res, req.method, error);
}

function fixtureError(error: HubkitError): MockHttpError {
  const problems = error instanceof HubkitErrorList ? error.problems : [error];
  const details: ErrorDetail[] = problems.map((p) => {
    const where = p.position ? `${p.position.file}:${p.position.line}:${p.position.column}: ` : "";
    return { code: MockErrorCodes.fixtureInvalid, message: `${where}${p.message}${p.hint ? ` (${p.hint})` : ""}` };
  });
  return mockError("fixtureInvalid", error.message, { target: "fixture", details });
}
