// Turns ajv errors into positioned HubkitErrors a newcomer can act on (unknown keys, wrong types, bad enums).
import type { ErrorObject } from "ajv";
import { HubkitError } from "../errors.js";
import { suggestClosest } from "../spec/index.js";
import type { DocPath, YamlSource } from "./yaml-source.js";

export interface SchemaErrorContext {
  source: YamlSource;
  /** Where the validated value sits in the document (e.g. `["tests", 0, "steps", 2]`). */
  base: DocPath;
}

/** One problem per distinct place: errors inside a failed `anyOf` collapse into that `anyOf`'s own message. */
export function describeSchemaErrors(errors: readonly ErrorObject[], ctx: SchemaErrorContext): HubkitError[] {
  const unions = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf").map((e) => `${e.schemaPath}/`);
  const seen = new Set<string>();
  const problems: HubkitError[] = [];
  for (const error of errors) {
    if (unions.some((prefix) => error.schemaPath.startsWith(prefix))) continue;
    const problem = describeOne(error, ctx);
    const key = `${problem.position?.line}:${problem.position?.column}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function describeOne(error: ErrorObject, ctx: SchemaErrorContext): HubkitError {
  const path = [...ctx.base, ...pointerSegments(error.instancePath)];
  const label = labelOf(pointerSegments(error.instancePath));
  const at = (extra: DocPath = [], key = false) => ctx.source.locate([...path, ...extra], { key });
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const code = "E_SUITE_INVALID";
  if (
    typeof parent["x-expected"] === "string" &&
    !["additionalProperties", "required", "enum"].includes(error.keyword)
  ) {
    return new HubkitError(`${label || "Value"} must be ${parent["x-expected"]}; found ${describeValue(error.data)}.`, {
      code,
      position: at(),
      hint: typeof parent.description === "string" ? parent.description : undefined,
    });
  }
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(error.params.additionalProperty);
      const allowed = Object.keys((parent.properties as Record<string, unknown> | undefined) ?? {});
      const guess = suggestClosest(name, allowed);
      return new HubkitError(`Unknown key "${name}"${label ? ` in ${label}` : ""}.`, {
        code,
        position: at([name], true),
        hint: guess ? `Did you mean "${guess}"?` : `Allowed keys here: ${allowed.join(", ")}.`,
      });
    }
    case "required": {
      const name = String(error.params.missingProperty);
      return new HubkitError(`Missing required key "${name}"${label ? ` in ${label}` : ""}.`, {
        code,
        position: at(),
        hint: describeExpected((parent.properties as Record<string, Record<string, unknown>>)?.[name], name),
      });
    }
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const guess = suggestClosest(String(error.data), allowed);
      return new HubkitError(
        `${label || "Value"} must be one of ${allowed.join(", ")}; found ${JSON.stringify(error.data)}.`,
        { code, position: at(), hint: guess ? `Did you mean "${guess}"?` : undefined },
      );
    }
    case "type":
    case "anyOf":
    case "oneOf":
    case "const": {
      const expected =
        error.keyword === "type"
          ? article(String(error.params.type))
          : error.keyword === "const"
            ? JSON.stringify(error.params.allowedValue)
            : "a different value";
      return new HubkitError(`${label || "Value"} must be ${expected}; found ${describeValue(error.data)}.`, {
        code,
        position: at(),
        hint: typeof parent.description === "string" ? parent.description : undefined,
      });
    }
    case "minItems":
    case "minLength":
    case "minProperties":
      return new HubkitError(`${label || "Value"} must not be empty.`, {
        code,
        position: at(),
        hint: typeof parent.description === "string" ? parent.description : undefined,
      });
    default:
      return new HubkitError(
        `${label || "Value"} ${error.message ?? "is invalid"}; found ${describeValue(error.data)}.`,
        {
          code,
          position: at(),
          hint: typeof parent.description === "string" ? parent.description : undefined,
        },
      );
  }
}

function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `tests[0].steps[2].expect.status` */
export function labelOf(path: DocPath): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function describeExpected(schema: Record<string, unknown> | undefined, name: string): string {
  const what = typeof schema?.description === "string" ? ` (${schema.description})` : "";
  return `Add "${name}:"${what}.`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: "a mapping (key: value lines)",
    array: "a list",
    string: "a string",
    integer: "an integer",
    number: "a number",
    boolean: "true or false",
  };
  return type
    .split(",")
    .map((t) => names[t] ?? t)
    .join(" or ");
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
