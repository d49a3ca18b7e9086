// The shape of hubkit's compiled view of the OpenAPI document: operations, parameters and responses.
import type { JsonObject } from "./load-document.js";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS";

/** The JSON Schema rules hubkit enforces on a parameter (a subset of what OpenAPI allows, all this API uses). */
export interface ParameterSchema {
  type: "string" | "integer" | "boolean" | "array";
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
}

export interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description: string;
  schema: ParameterSchema;
  /** Compiled `schema.pattern` (the spec's patterns are ECMAScript-compatible). */
  regex?: RegExp;
}

export interface ResponseSpec {
  status: string;
  description: string;
  /** Header names (lower case) the response declares, e.g. `x-ms-error-code`, `www-authenticate`. */
  headers: readonly string[];
  /** JSON Schema of the body (with `$ref`s into `hubkit:spec#/$defs/...`), when the response has one. */
  bodySchema?: JsonObject;
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The path template as written in the spec, e.g. `/api/hubs/{hub}/:send`. */
  path: string;
  summary: string;
  tags: readonly string[];
  /** False only for the anonymous health check. */
  requiresAuth: boolean;
  /** Also answered on GET (the existence checks). */
  getAlias: boolean;
  /** The api-versions whose document has this operation (a union index lists several). */
  apiVersions: readonly string[];
  pathParams: readonly Parameter[];
  queryParams: readonly Parameter[];
  /** The JSON Schema of the request body, when the operation takes one. */
  requestBody?: { required: boolean; contentTypes: readonly string[]; schema: JsonObject };
  /** Keyed by status code as written (`"200"`, `"404"`, `"default"`). */
  responses: ReadonlyMap<string, ResponseSpec>;
}

export interface RouteMatch {
  operation: Operation;
  /** Decoded path parameter values by name. */
  params: Record<string, string>;
}
