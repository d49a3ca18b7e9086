// The REST pipeline, in one fixed order: route -> auth -> api-version -> parameters -> body (size, presence,
// content type, JSON, fields) -> handler.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenVerifier } from "../../auth/index.js";
import type { Operation, SpecIndex } from "../../spec/index.js";
import { requestScheme } from "../client/http-util.js";
import {
  MockHttpError,
  mockError,
  sendEmpty,
  sendError,
  sendInternalError,
  sendJson,
  sendUnauthorized,
} from "../errors.js";
import { effectiveHubName, type Store } from "../store.js";
import { ApiVersionRule } from "./api-version.js";
import { bindHandlers } from "./handlers.js";
import { checkParameters, compileParameterChecks, type ParameterCheck } from "./parameter-rules.js";
import { parsePayload } from "./payload.js";
import { firstValue, parseQuery, type QueryValues } from "./query.js";
import { bodyRequired, checkContentType, readBody } from "./read-body.js";
import { RouteCache } from "./route-cache.js";
import type { RestCall, RestHandler, RestReply, RestServices } from "./types.js";
import { BODY_PARSERS, checkOperationVersion, QUERY_ALIASES } from "./versions.js";

/** A REST request for `RestApi.invoke`: what the dashboard would send as curl. */
export interface RestInvocation {
  method: string;
  rawPath: string;
  rawQuery: string;
  body?: Buffer;
  /** The origin `nextLink`s and generated tokens name (default http://localhost). */
  origin?: string;
}

export interface RestApiOptions {
  spec: SpecIndex;
  store: Store;
  verifier: TokenVerifier;
  apiVersions: readonly string[];
  services: RestServices;
  /** Serve an operation only under the api-versions whose document has it (default: under any accepted one). */
  strictVersions?: boolean;
}

/** Everything about an operation the hot path needs, computed once at startup. */
interface CompiledOperation {
  operation: Operation;
  handler: RestHandler;
  successStatus: number;
  checks: ParameterCheck[];
  takesBody: boolean;
  parseBody: (body: Buffer) => unknown;
}

export class RestApi {
  private readonly routes: RouteCache;
  private readonly store: Store;
  private readonly verifier: TokenVerifier;
  private readonly apiVersion: ApiVersionRule;
  private readonly operations = new Map<string, CompiledOperation>();
  private readonly specVersion: string;
  private readonly services: RestServices;
  private readonly strictVersions: boolean;

  constructor(options: RestApiOptions) {
    this.routes = new RouteCache(options.spec.router);
    this.specVersion = options.spec.apiVersion;
    this.services = options.services;
    this.strictVersions = options.strictVersions === true;
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
        parseBody: BODY_PARSERS[operation.operationId] ?? parsePayload,
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
    const invalid =
      this.apiVersion.check(query) ??
      (this.strictVersions ? checkOperationVersion(compiled.operation, query) : undefined) ??
      checkParameters(compiled.checks, params, query);
    if (invalid) return invalid;
    const request = { origin: `${requestScheme(req)}://${req.headers.host ?? "localhost"}`, rawPath, params, query };

    if (!compiled.takesBody) return this.perform(res, compiled, this.callOf(request, undefined));
    // Read (at most 1 MB) before judging the content type: an empty body is "required" whatever its framing or
    // type (a proxy may forward an empty POST chunked and without Content-Type).
    readBody(req, (body) => {
      try {
        const message =
          body instanceof MockHttpError
            ? body
            : body.length === 0
              ? bodyRequired()
              : (checkContentType(req.headers["content-type"]) ?? compiled.parseBody(body));
        const error =
          message instanceof MockHttpError ? message : this.perform(res, compiled, this.callOf(request, message));
        if (error) sendError(res, method, error);
      } catch (error) {
        sendInternalError(res, method, error);
      }
    });
    return undefined;
  }

  /**
   * One call without a socket or a token, for the dashboard (which has its own access rule): the same route,
   * api-version, parameter, body and handler stages as `handle`. Answers the status, or the error a client would get.
   */
  invoke(request: RestInvocation): { status: number; error?: MockHttpError } {
    const route = this.routes.match(request.method, request.rawPath);
    if (route.kind === "not-found") {
      return { status: 404, error: routeNotFound(request.method, request.rawPath, this.specVersion) };
    }
    if (route.kind === "method-not-allowed") {
      return { status: 405, error: methodNotAllowed(request.method, route.allowed) };
    }
    const compiled = this.operations.get(route.match.operation.operationId)!;
    const query = parseQuery(request.rawQuery);
    const params = route.match.params;
    const invalid =
      this.apiVersion.check(query) ??
      (this.strictVersions ? checkOperationVersion(compiled.operation, query) : undefined) ??
      checkParameters(compiled.checks, params, query);
    if (invalid) return { status: invalid.status, error: invalid };
    let message: unknown;
    if (compiled.takesBody) {
      const parsed = compiled.parseBody(request.body ?? Buffer.alloc(0));
      if (parsed instanceof MockHttpError) return { status: parsed.status, error: parsed };
      message = parsed;
    }
    const origin = request.origin ?? "http://localhost";
    const answer = compiled.handler(this.callOf({ origin, rawPath: request.rawPath, params, query }, message));
    if (answer instanceof Promise) {
      // Only `:invoke` waits for a client; the caller gets the accepted status, the answer goes nowhere.
      answer.catch(() => undefined);
      return { status: compiled.successStatus };
    }
    return answer instanceof MockHttpError
      ? { status: answer.status, error: answer }
      : { status: compiled.successStatus };
  }

  private perform(res: ServerResponse, compiled: CompiledOperation, call: RestCall): MockHttpError | undefined {
    const answer = compiled.handler(call);
    if (answer instanceof Promise) {
      // Only `:invoke` waits (for a client); its answer is sent when it comes, errors rendered like any other.
      answer.then(
        (settled) => {
          if (settled instanceof MockHttpError) sendError(res, "POST", settled);
          else this.succeed(res, compiled, settled);
        },
        (error: unknown) => sendInternalError(res, "POST", error),
      );
      return undefined;
    }
    if (answer instanceof MockHttpError) return answer;
    this.succeed(res, compiled, answer ?? undefined);
    return undefined;
  }

  private succeed(res: ServerResponse, compiled: CompiledOperation, answer: RestReply | undefined): void {
    if (answer) sendJson(res, compiled.successStatus, answer.body, { ...answer.headers });
    else sendEmpty(res, compiled.successStatus);
  }

  private callOf(request: RequestParts, body: unknown): RestCall {
    const { params, query } = request;
    const ttl = firstValue(query, "ttl");
    const isPayload = body !== undefined && !Array.isArray(body);
    return {
      store: this.store,
      hub: effectiveHubName(params.hub ?? "", firstValue(query, "application")),
      params,
      excluded: query.get("excluded"),
      reason: firstValue(query, "reason") ?? QUERY_ALIASES.reason(query),
      ttl: ttl === undefined ? undefined : Number(ttl),
      message: isPayload ? (body as RestCall["message"]) : undefined,
      ...(isPayload ? {} : { body }),
      query,
      origin: request.origin,
      rawPath: request.rawPath,
      services: this.services,
    };
  }
}

interface RequestParts {
  /** `<scheme>://<host>` as the request reached the mock. */
  origin: string;
  rawPath: string;
  params: Record<string, string>;
  query: QueryValues;
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
  return mockError(
    "routeNotFound",
    `No operation of the SignalR REST API ${apiVersion} matches ${method} ${truncate(rawPath)}. Paths start with /api/hubs/{hub} or /api/health.`,
    { target: "path" },
  );
}

function methodNotAllowed(method: string, allowed: readonly string[]): MockHttpError {
  const list = allowed.join(", ");
  return mockError("methodNotAllowed", `Method ${method} is not allowed on this path; it accepts ${list}.`, {
    target: "method",
    headers: { allow: list },
  });
}

/** Echoed paths are bounded so a hostile 1 MB path does not come back in every error body. */
function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
