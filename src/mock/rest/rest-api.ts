// The REST pipeline, in one fixed order: route -> auth -> api-version -> parameters -> body (size, presence,
// content type, JSON, fields) -> handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenVerifier } from "../../auth/index.js";
import type { Operation, SpecIndex } from "../../spec/index.js";
import { requestScheme } from "../client/http-util.js";
import { MockErrorCodes, MockHttpError, sendEmpty, sendError, sendInternalError, sendUnauthorized } from "../errors.js";
import { effectiveHubName, type Store } from "../store.js";
import { ApiVersionRule } from "./api-version.js";
import { bindHandlers } from "./handlers.js";
import { checkParameters, compileParameterChecks, type ParameterCheck } from "./parameter-rules.js";
import { parsePayload } from "./payload.js";
import { firstValue, parseQuery, type QueryValues } from "./query.js";
import { bodyRequired, checkContentType, readBody } from "./read-body.js";
import { RouteCache } from "./route-cache.js";
import type { RestCall, RestHandler } from "./types.js";

export interface RestApiOptions {
  spec: SpecIndex;
  store: Store;
  verifier: TokenVerifier;
  apiVersions: readonly string[];
}

/** Everything about an operation the hot path needs, computed once at startup. */
interface CompiledOperation {
  operation: Operation;
  handler: RestHandler;
  successStatus: number;
  checks: ParameterCheck[];
  takesBody: boolean;
}

export class RestApi {
  private readonly routes: RouteCache;
  private readonly store: Store;
  private readonly verifier: TokenVerifier;
  private readonly apiVersion: ApiVersionRule;
  private readonly operations = new Map<string, CompiledOperation>();
  private readonly specVersion: string;

  constructor(options: RestApiOptions) {
    this.routes = new RouteCache(options.spec.router);
    this.specVersion = options.spec.apiVersion;
    this.store = options.store;
    this.verifier = options.verifier;
    this.apiVersion = new ApiVersionRule(options.apiVersions);
    const handlers = bindHandlers(options.spec.operations);
    for (const operation of options.spec.operations) {
      this.operations.set(operation.operationId, {
        operation,
        handler: handlers.get(operation.operationId)!,
        successStatus: successStatusOf(operation),
        checks: compileParameterChecks(operation, options.spec),
        takesBody: operation.requestBody !== undefined,
      });
    }
  }

  /** Answers one request whose path is not a client or admin path. Never throws. */
  handle(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): void {
    try {
      const error = this.run(req, res, rawPath, rawQuery);
      if (error) sendError(res, req.method, error);
    } catch (error) {
      sendInternalError(res, req.method, error);
    }
  }

  /** Each stage returns its error answer (or nothing to go on); only a bug throws. */
  private run(req: IncomingMessage, res: ServerResponse, rawPath: string, rawQuery: string): MockHttpError | undefined {
    const method = req.method ?? "GET";
    const route = this.routes.match(method, rawPath);
    if (route.kind === "not-found") return routeNotFound(method, rawPath, this.specVersion);
    if (route.kind === "method-not-allowed") return methodNotAllowed(method, route.allowed);
    const compiled = this.operations.get(route.match.operation.operationId)!;

    if (compiled.operation.requiresAuth) {
      // The scheme the socket really speaks. X-Forwarded-Proto is ignored: any caller can set it, so trusting it
      // would let a token signed for one scheme be replayed on the other (as the client endpoints also do).
      const auth = this.verifier.verifyRest(req.headers.authorization, {
        scheme: requestScheme(req),
        host: req.headers.host ?? "",
        path: rawPath,
      });
      if (!auth.ok) {
        sendUnauthorized(res, auth.challenge);
        return undefined;
      }
    }

    const query = parseQuery(rawQuery);
    const params = route.match.params;
    const invalid = this.apiVersion.check(query) ?? checkParameters(compiled.checks, params, query);
    if (invalid) return invalid;

    if (!compiled.takesBody) return this.perform(res, compiled, this.callOf(params, query, undefined));
    // Read (at most 1 MB) before judging the content type: an empty body is "required" whatever its framing or
    // type (a proxy may forward an empty POST chunked and without Content-Type).
    readBody(req, (body) => {
      try {
        const message =
          body instanceof MockHttpError
            ? body
            : body.length === 0
              ? bodyRequired()
              : (checkContentType(req.headers["content-type"]) ?? parsePayload(body));
        const error =
          message instanceof MockHttpError ? message : this.perform(res, compiled, this.callOf(params, query, message));
        if (error) sendError(res, method, error);
      } catch (error) {
        sendInternalError(res, method, error);
      }
    });
    return undefined;
  }

  private perform(res: ServerResponse, compiled: CompiledOperation, call: RestCall): MockHttpError | undefined {
    const error = compiled.handler(call);
    if (error instanceof MockHttpError) return error;
    sendEmpty(res, compiled.successStatus);
    return undefined;
  }

  private callOf(params: Record<string, string>, query: QueryValues, message: RestCall["message"]): RestCall {
    const ttl = firstValue(query, "ttl");
    return {
      store: this.store,
      hub: effectiveHubName(params.hub ?? "", firstValue(query, "application")),
      params,
      excluded: query.get("excluded"),
      reason: firstValue(query, "reason"),
      ttl: ttl === undefined ? undefined : Number(ttl),
      message,
    };
  }
}

function successStatusOf(operation: Operation): number {
  const statuses = [...operation.responses.keys()].filter((s) => /^2\d\d$/.test(s));
  if (statuses.length !== 1) {
    throw new Error(
      `${operation.operationId} must document exactly one 2xx status, found ${statuses.join(", ") || "none"}`,
    );
  }
  return Number(statuses[0]);
}

function routeNotFound(method: string, rawPath: string, apiVersion: string): MockHttpError {
  return new MockHttpError(404, {
    code: MockErrorCodes.routeNotFound,
    message: `No operation of the SignalR REST API ${apiVersion} matches ${method} ${truncate(rawPath)}. Paths start with /api/hubs/{hub} or /api/health.`,
    target: "path",
  });
}

function methodNotAllowed(method: string, allowed: readonly string[]): MockHttpError {
  const list = allowed.join(", ");
  return new MockHttpError(
    405,
    {
      code: MockErrorCodes.methodNotAllowed,
      message: `Method ${method} is not allowed on this path; it accepts ${list}.`,
      target: "method",
    },
    { allow: list },
  );
}

/** Echoed paths are bounded so a hostile 1 MB path does not come back in every error body. */
function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
