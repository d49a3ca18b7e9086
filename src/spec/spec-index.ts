// The compiled OpenAPI document: operations by id, the path router, parameter checks and schema validation.
import { buildOperations } from "./build-operations.js";
import { buildUrl, type UrlQueryValue } from "./build-url.js";
import { DEFAULT_SPEC_PATH, type OpenApiDocument, readDocument } from "./load-document.js";
import { type NameRules, nameRulesOf } from "./name-rule.js";
import { PathMatcher } from "./path-matcher.js";
import { SchemaValidator } from "./schema-validator.js";
import type { Operation } from "./types.js";

export interface SpecIndex {
  /** `info.version` of the document, e.g. `2022-06-01`. */
  readonly apiVersion: string;
  /** Every api-version whose operations this index holds (several for a union), the default first. */
  readonly versions: readonly string[];
  readonly document: OpenApiDocument;
  readonly operations: readonly Operation[];
  readonly router: PathMatcher;
  readonly schemas: SchemaValidator;
  operation(operationId: string): Operation | undefined;
  /** The statuses an operation documents, `default` left out, sorted. */
  documentedStatuses(operationId: string): number[];
  /** Hub, application and group rules as the spec declares them (built on first use). */
  readonly names: NameRules;
  /**
   * `path?query` of an operation: path values percent-encoded, `api-version` first (this spec's unless the query
   * sets it; `null` leaves it out). Throws on an unknown operationId or a missing path value.
   */
  url(
    operationId: string,
    params?: Readonly<Record<string, string | number | boolean>>,
    query?: Readonly<Record<string, UrlQueryValue>>,
  ): string;
}

export function createSpecIndex(doc: OpenApiDocument): SpecIndex {
  const operations = buildOperations(doc);
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  const apiVersion = String(doc.info.version);
  let names: NameRules | undefined;
  const index: SpecIndex = {
    apiVersion,
    versions: [apiVersion, ...new Set(operations.flatMap((o) => o.apiVersions))].filter(
      (v, i, all) => all.indexOf(v) === i,
    ),
    document: doc,
    operations,
    router: new PathMatcher(operations),
    schemas: new SchemaValidator(doc),
    operation: (id) => byId.get(id),
    documentedStatuses: (id) =>
      [...(byId.get(id)?.responses.keys() ?? [])]
        .filter((s) => s !== "default")
        .map(Number)
        .sort((a, b) => a - b),
    get names() {
      names ??= nameRulesOf(index);
      return names;
    },
    url: (id, params = {}, query = {}) => {
      const operation = byId.get(id);
      if (!operation) throw new Error(`the spec (API ${apiVersion}) has no operation ${id}`);
      return buildUrl(operation, params, query, apiVersion);
    },
  };
  return index;
}

const cache = new Map<string, SpecIndex>();

/** The index of a spec file (hubkit's own by default), built once per process. */
export function loadSpec(path: string = DEFAULT_SPEC_PATH): SpecIndex {
  let index = cache.get(path);
  if (!index) {
    index = createSpecIndex(readDocument(path));
    cache.set(path, index);
  }
  return index;
}
