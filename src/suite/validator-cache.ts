// One ajv instance for suite validation, each schema compiled once (verbose, so errors carry their schema and data).
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { JsonSchema } from "./types.js";

const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

export function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
