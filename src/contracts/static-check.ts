// `hubkit verify --static`: checks each pact interaction against the OpenAPI document, no provider needed.
import { checkParameter, type Operation, type SpecIndex } from "../spec/index.js";
import type { PactFile, PactInteraction } from "./pact-file.js";
import { parseProviderState } from "./provider-states.js";

export type StaticMismatchKind = "state" | "operation" | "parameter" | "request-body" | "status" | "response-body";

export interface StaticMismatch {
  kind: StaticMismatchKind;
  message: string;
}

export interface StaticInteractionResult {
  interaction: PactInteraction;
  /** The operation the request routes to, when it routes to one. */
  operationId?: string;
  mismatches: StaticMismatch[];
}

const ERROR_DETAIL = { $ref: "hubkit:spec#/$defs/ErrorDetail" };

export function checkPactAgainstSpec(pact: PactFile, spec: SpecIndex): StaticInteractionResult[] {
  return pact.interactions.map((interaction) => checkInteraction(interaction, spec));
}

export function checkInteraction(interaction: PactInteraction, spec: SpecIndex): StaticInteractionResult {
  const mismatches: StaticMismatch[] = [];
  for (const state of interaction.providerStates) {
    const parsed = parseProviderState(state);
    if (!parsed.ok) mismatches.push({ kind: "state", message: parsed.message });
  }
  if (interaction.type !== "Synchronous/HTTP") {
    mismatches.push({ kind: "operation", message: `${interaction.type} interactions are not part of this HTTP API` });
    return { interaction, mismatches };
  }
  const { request } = interaction;
  const match = spec.router.match(request.method, encodePath(request.path));
  if (match.kind !== "matched") {
    const message =
      match.kind === "method-not-allowed"
        ? `${request.path} has no ${request.method} operation (the spec allows ${match.allowed.join(", ")})`
        : `no operation in the spec matches ${request.method} ${request.path}`;
    mismatches.push({ kind: "operation", message });
    return { interaction, mismatches };
  }
  const { operation, params } = match.match;
  // Broken parameter rules and invalid bodies are what the service answers 400 for: an interaction that documents
  // that 400 is consistent with the spec (as verification against the mock finds), any other status is not.
  const invalidRequest: StaticMismatch[] = [];
  checkParameters({ operation, params, interaction, spec, mismatches: invalidRequest });
  const bodyProblems = checkRequestBody(operation, interaction, spec);
  invalidRequest.push(...bodyProblems.invalid);
  if (!expectsDocumented400(operation, interaction, spec)) mismatches.push(...invalidRequest);
  mismatches.push(...bodyProblems.other);
  checkResponse(operation, interaction, spec, mismatches);
  return { interaction, operationId: operation.operationId, mismatches };
}

interface ParameterContext {
  operation: Operation;
  params: Record<string, string>;
  interaction: PactInteraction;
  spec: SpecIndex;
  mismatches: StaticMismatch[];
}

function checkParameters({ operation, params, interaction, spec, mismatches }: ParameterContext): void {
  for (const parameter of operation.pathParams) {
    const violation = checkParameter(parameter, params[parameter.name]);
    if (violation) mismatches.push({ kind: "parameter", message: `path parameter ${violation.detail}` });
  }
  for (const parameter of operation.queryParams) {
    const values = interaction.request.query[parameter.name];
    const violation = checkParameter(parameter, values);
    if (violation) mismatches.push({ kind: "parameter", message: `query parameter ${violation.detail}` });
  }
  const apiVersion = interaction.request.query["api-version"]?.[0];
  // A union index accepts each of its versions for every operation, as the mock serves newer operations under any.
  if (apiVersion !== undefined && !spec.versions.includes(apiVersion)) {
    mismatches.push({
      kind: "parameter",
      message: `api-version is ${apiVersion}, but the spec describes ${spec.versions.join(", ")}`,
    });
  }
}

/** `invalid`: the body breaks the operation's rules (a 400); `other`: a body the operation does not take at all. */
function checkRequestBody(
  operation: Operation,
  interaction: PactInteraction,
  spec: SpecIndex,
): { invalid: StaticMismatch[]; other: StaticMismatch[] } {
  const problems = { invalid: [] as StaticMismatch[], other: [] as StaticMismatch[] };
  const body = interaction.request.body;
  if (!operation.requestBody) {
    if (body !== undefined && body !== "") {
      problems.other.push({ kind: "request-body", message: `${operation.operationId} takes no request body` });
    }
    return problems;
  }
  if (body === undefined || body === "") {
    if (operation.requestBody.required) {
      problems.invalid.push({ kind: "request-body", message: `${operation.operationId} requires a JSON request body` });
    }
    return problems;
  }
  const canonical = canonicalKeys(body, propertyNames(spec, operation.requestBody.schema));
  for (const violation of spec.schemas.validate(operation.requestBody.schema, canonical)) {
    problems.invalid.push({ kind: "request-body", message: `request body ${violation.message}` });
  }
  return problems;
}

/** The interaction expects a 400 and the spec documents a 400 for the operation. */
function expectsDocumented400(operation: Operation, interaction: PactInteraction, spec: SpecIndex): boolean {
  return interaction.response.status === 400 && spec.documentedStatuses(operation.operationId).includes(400);
}

function checkResponse(
  operation: Operation,
  interaction: PactInteraction,
  spec: SpecIndex,
  mismatches: StaticMismatch[],
): void {
  const { status, body } = interaction.response;
  const statuses = spec.documentedStatuses(operation.operationId);
  if (!statuses.includes(status)) {
    mismatches.push({
      kind: "status",
      message: `status ${status} is not one ${operation.operationId} returns (${statuses.join(", ")})`,
    });
    return;
  }
  if (body === undefined || body === "") return;
  const method = interaction.request.method;
  if (method === "HEAD") {
    mismatches.push({ kind: "response-body", message: "a HEAD response has no body" });
    return;
  }
  const declared = operation.responses.get(String(status))?.bodySchema;
  // GET on an existence check answers like HEAD, but error answers carry the usual ErrorDetail body.
  const schema = declared ?? (operation.method === "HEAD" && status >= 400 ? ERROR_DETAIL : undefined);
  if (!schema) {
    mismatches.push({ kind: "response-body", message: `the spec declares no body for ${status} on ${method}` });
    return;
  }
  for (const violation of spec.schemas.validate(schema, body)) {
    mismatches.push({ kind: "response-body", message: `response body ${violation.message}` });
  }
}

/** The operation an interaction's request routes to, if any. */
export function operationOf(interaction: PactInteraction, spec: SpecIndex): string | undefined {
  const match = spec.router.match(interaction.request.method, encodePath(interaction.request.path));
  return match.kind === "matched" ? match.match.operation.operationId : undefined;
}

/** Pact paths are written unencoded; the router takes the raw (percent-encoded) form and decodes it. */
function encodePath(path: string): string {
  return path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/** The service matches body property names case-insensitively (the SDK sends `Target`, `Arguments`). */
function canonicalKeys(body: unknown, names: readonly string[]): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const byLower = new Map(names.map((name) => [name.toLowerCase(), name]));
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [byLower.get(key.toLowerCase()) ?? key, value]));
}

/** Property names of a `hubkit:spec#/$defs/<Name>` schema, read from the document's components. */
function propertyNames(spec: SpecIndex, schema: Record<string, unknown>): string[] {
  const name =
    String(schema.$ref ?? "")
      .split("/")
      .pop() ?? "";
  const properties = spec.document.components.schemas?.[name]?.properties;
  return typeof properties === "object" && properties !== null ? Object.keys(properties) : [];
}
