// The compiled OpenAPI document: operations by id, the path router, parameter checks and schema validation.
import { buildOperations } from "./build-operations.js";
import { DEFAULT_SPEC_PATH, type OpenApiDocument, readDocument } from "./load-document.js";
import { PathMatcher } from "./path-matcher.js";
import { SchemaValidator } from "./schema-validator.js";
import type { Operation } from "./types.js";

export interface SpecIndex {
  /** `info.version` of the document, e.g. `2022-06-01`. */
  readonly apiVersion: string;
  readonly document: OpenApiDocument;
  readonly operations: readonly Operation[];
  readonly router: PathMatcher;
  readonly schemas: SchemaValidator;
  operation(operationId: string): Operation | undefined;
  /** The statuses an operation documents, `default` left out, sorted. */
  documentedStatuses(operationId: string): number[];
}

export function createSpecIndex(doc: OpenApiDocument): SpecIndex {
  const operations = buildOperations(doc);
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  return {
    apiVersion: String(doc.info.version),
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
  };
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
