// Validation of conformance.json documents against spec/report.schema.json (ajv, compiled once per process).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

export const REPORT_SCHEMA_PATH = fileURLToPath(new URL("../../spec/report.schema.json", import.meta.url));

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    // ajv-formats is CommonJS; under NodeNext its default export is the module object.
    addFormatsModule.default(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_PATH, "utf8")) as object);
  }
  return compiled;
}

/** The schema violations of a would-be conformance report, as `path message` lines; empty when it is valid. */
export function validateReportDocument(value: unknown): string[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
}
