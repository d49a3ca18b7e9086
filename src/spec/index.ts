// Public surface of the spec module: load and index the OpenAPI document.

export type { UrlQueryValue } from "./build-url.js";
export { checkParameter, type ParameterRule, type ParameterViolation } from "./check-parameter.js";
export { effectiveHubName } from "./hub-name.js";
export { DEFAULT_SPEC_PATH, type JsonObject, type OpenApiDocument, readDocument } from "./load-document.js";
export { type NameRules, nameRulesOf, patternedParameter } from "./name-rule.js";
export type { PathMatch } from "./path-matcher.js";
export type { SchemaViolation } from "./schema-validator.js";
export { KNOWN_API_VERSIONS, loadServedSpec, mergeDocuments, NEWEST_API_VERSION, SPEC_PATHS } from "./served-spec.js";
export { createSpecIndex, loadSpec, type SpecIndex } from "./spec-index.js";
export { suggestClosest } from "./suggest.js";
export type { HttpMethod, Operation, Parameter, ParameterSchema, ResponseSpec, RouteMatch } from "./types.js";
