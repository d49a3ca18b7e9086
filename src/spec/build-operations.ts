// Turns the OpenAPI document's paths into hubkit's Operation records, with every `$ref` resolved.
import { deref, type JsonObject, type OpenApiDocument } from "./load-document.js";
import type { HttpMethod, Operation, Parameter, ParameterSchema, ResponseSpec } from "./types.js";

const METHODS = new Set(["get", "head", "post", "put", "delete", "patch", "options"]);

export function buildOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (METHODS.has(method)) operations.push(buildOperation(doc, path, method.toUpperCase() as HttpMethod, raw));
    }
  }
  return operations;
}

function buildOperation(doc: OpenApiDocument, path: string, method: HttpMethod, raw: JsonObject): Operation {
  const params = ((raw.parameters as unknown[]) ?? []).map((p) => buildParameter(doc, p));
  const security = raw.security as unknown[] | undefined;
  const operation: Operation = {
    operationId: String(raw.operationId),
    method,
    path,
    summary: String(raw.summary ?? ""),
    tags: (raw.tags as string[]) ?? [],
    requiresAuth: !(Array.isArray(security) && security.length === 0),
    getAlias: raw["x-hubkit-get-alias"] === true,
    apiVersions: (raw[API_VERSIONS_KEY] as string[] | undefined) ?? [String(doc.info.version)],
    pathParams: params.filter((p) => p.in === "path"),
    queryParams: params.filter((p) => p.in === "query"),
    responses: buildResponses(doc, raw.responses as JsonObject),
  };
  if (raw.requestBody) operation.requestBody = buildRequestBody(doc, raw.requestBody);
  return operation;
}

function buildParameter(doc: OpenApiDocument, value: unknown): Parameter {
  const raw = deref(doc, value);
  const schema = deref<ParameterSchema>(doc, raw.schema);
  const parameter: Parameter = {
    name: String(raw.name),
    in: raw.in as Parameter["in"],
    required: raw.required === true,
    description: String(raw.description ?? ""),
    schema,
  };
  // `u` makes the pattern ECMAScript-unicode-aware, as JSON Schema validators do.
  if (schema.pattern) parameter.regex = new RegExp(schema.pattern, "u");
  return parameter;
}

function buildRequestBody(doc: OpenApiDocument, value: unknown): NonNullable<Operation["requestBody"]> {
  const raw = deref(doc, value);
  const content = raw.content as Record<string, JsonObject>;
  const json = content["application/json"] ?? Object.values(content)[0] ?? {};
  return {
    required: raw.required === true,
    contentTypes: Object.keys(content),
    schema: toValidatorSchema(json.schema),
  };
}

function buildResponses(doc: OpenApiDocument, raw: JsonObject): Map<string, ResponseSpec> {
  const responses = new Map<string, ResponseSpec>();
  for (const [status, value] of Object.entries(raw)) {
    const response = deref(doc, value);
    const content = response.content as Record<string, JsonObject> | undefined;
    const json = content?.["application/json"];
    const spec: ResponseSpec = {
      status,
      description: String(response.description ?? ""),
      headers: Object.keys((response.headers as JsonObject | undefined) ?? {}).map((h) => h.toLowerCase()),
    };
    if (json?.schema) spec.bodySchema = toValidatorSchema(json.schema);
    responses.set(status, spec);
  }
  return responses;
}

/** Rewrites `#/components/schemas/X` to the id under which the schema registry holds the spec's schemas. */
export function toValidatorSchema(schema: unknown): JsonObject {
  return JSON.parse(
    JSON.stringify(schema ?? {}).replaceAll('"#/components/schemas/', `"${SCHEMA_REGISTRY_ID}#/$defs/`),
  ) as JsonObject;
}

export const SCHEMA_REGISTRY_ID = "hubkit:spec";

/** Set by the union of several documents on each operation: the versions that have it. */
export const API_VERSIONS_KEY = "x-hubkit-api-versions";
