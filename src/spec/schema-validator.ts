// Validates bodies against the spec's JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) with ajv, compiled once.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { SCHEMA_REGISTRY_ID } from "./build-operations.js";
import type { JsonObject, OpenApiDocument } from "./load-document.js";

export interface SchemaViolation {
  /** JSON pointer into the body, `""` for the root. */
  path: string;
  message: string;
}

export class SchemaValidator {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<JsonObject, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    // ajv-formats is CommonJS; under NodeNext its default export is the module object.
    addFormatsModule.default(this.ajv);
    this.ajv.addFormat("int32", {
      type: "number",
      validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
    });
    const schemas = JSON.parse(
      JSON.stringify(doc.components.schemas ?? {}).replaceAll('"#/components/schemas/', '"#/$defs/'),
    ) as JsonObject;
    this.ajv.addSchema({ $id: SCHEMA_REGISTRY_ID, $defs: schemas });
  }

  validate(schema: JsonObject, value: unknown): SchemaViolation[] {
    let validate = this.cache.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.cache.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(describeError);
  }
}

function describeError(error: ErrorObject): SchemaViolation {
  const where = error.instancePath || "(body)";
  return { path: error.instancePath, message: `${where} ${error.message ?? "is invalid"}` };
}
