// The admin API under /_hubkit/ (not part of the service): state snapshot, fixtures, reset, recorded messages.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthResult, TokenVerifier } from "../../auth/index.js";
import { HubkitError, HubkitErrorList } from "../../errors.js";
import type { NameRules } from "../../spec/index.js";
import { requestScheme } from "../client/http-util.js";
import {
  type ErrorDetail,
  MockErrorCodes,
  MockHttpError,
  sendEmpty,
  sendError,
  sendInternalError,
  sendJson,
  sendUnauthorized,
} from "../errors.js";
import { applyFixture, parseFixture } from "../fixtures/index.js";
import { firstValue, parseQuery } from "../rest/query.js";
import { readBody } from "../rest/read-body.js";
import type { Store } from "../store.js";
import type { VirtualConnections } from "./virtual-connections.js";

export const ADMIN_PREFIX = "/_hubkit/";

export interface AdminApiOptions {
  store: Store;
  verifier: TokenVerifier;
  virtualConnections: VirtualConnections;
  /** Name rules of the mock's SpecIndex, for fixtures posted here. */
  names: NameRules;
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
    ]);
  }

  /** Order as on REST: route, then auth (a token for the admin URL), then the route itself. Never throws. */
  handle(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): void {
    try {
      const methods = this.routes.get(rawPath.endsWith("/") ? rawPath.slice(0, -1) : rawPath);
      if (!methods) {
        throw new MockHttpError(404, {
          code: MockErrorCodes.routeNotFound,
          message: `No admin route ${rawPath}. Admin routes: GET /_hubkit/state, POST /_hubkit/fixtures, POST /_hubkit/reset, GET /_hubkit/messages.`,
          target: "path",
        });
      }
      const route = methods.get(req.method ?? "GET");
      if (!route) {
        const allow = [...methods.keys()].join(", ");
        throw new MockHttpError(
          405,
          {
            code: MockErrorCodes.methodNotAllowed,
            message: `Method ${req.method} is not allowed on ${rawPath}; it accepts ${allow}.`,
            target: "method",
          },
          { allow },
        );
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
    sendJson(res, 200, { connections: this.options.virtualConnections.list(filter) });
  };

  private readonly fixtures: AdminRoute = (req, res) => {
    const type = (req.headers["content-type"] ?? "application/yaml").split(";")[0]!.trim().toLowerCase();
    if (!FIXTURE_TYPES.test(type)) {
      throw new MockHttpError(415, {
        code: MockErrorCodes.unsupportedMediaType,
        message: `Content-Type '${type}' is not supported for fixtures. Send the fixture as application/json or application/yaml.`,
        target: "Content-Type",
      });
    }
    readBody(req, (body) => {
      try {
        if (body instanceof MockHttpError) throw body;
        const fixture = parseFixture(body.toString("utf8"), "request body", this.options.names);
        const applied = applyFixture(this.options.store, fixture, this.options.names);
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
  return new MockHttpError(400, {
    code: MockErrorCodes.fixtureInvalid,
    message: error.message,
    target: "fixture",
    details,
  });
}
