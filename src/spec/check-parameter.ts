// Checks one parameter value against its schema and says which rule it broke.
import type { Parameter } from "./types.js";

export type ParameterRule = "required" | "type" | "minLength" | "maxLength" | "pattern" | "minimum" | "maximum";

export interface ParameterViolation {
  parameter: Parameter;
  rule: ParameterRule;
  /** A sentence a newcomer understands, e.g. `hub must match ^[A-Za-z]...`. */
  detail: string;
}

const INT32 = { min: -2147483648, max: 2147483647 };

/**
 * `value` is what the request carried: undefined (absent), one string, or several (repeated query keys).
 * Arrays (`excluded`) are checked item by item; scalars take the first value, as ASP.NET model binding does.
 */
export function checkParameter(
  parameter: Parameter,
  value: string | readonly string[] | undefined,
): ParameterViolation | undefined {
  const values = value === undefined ? [] : typeof value === "string" ? [value] : value;
  if (values.length === 0) {
    return parameter.required ? violation(parameter, "required", `${parameter.name} is required`) : undefined;
  }
  if (parameter.schema.type === "array") return undefined; // items are plain strings with no rule in this API
  const first = values[0]!;
  if (parameter.schema.type === "integer") return checkInteger(parameter, first);
  if (parameter.schema.type === "boolean") return checkBoolean(parameter, first);
  return checkString(parameter, first);
}

function checkString(parameter: Parameter, value: string): ParameterViolation | undefined {
  const { minLength, maxLength } = parameter.schema;
  const length = [...value].length; // JSON Schema counts code points
  if (minLength !== undefined && length < minLength) {
    return violation(parameter, "minLength", `${parameter.name} must be at least ${minLength} character(s) long`);
  }
  if (maxLength !== undefined && length > maxLength) {
    return violation(parameter, "maxLength", `${parameter.name} must be at most ${maxLength} characters long`);
  }
  if (parameter.regex && !parameter.regex.test(value)) {
    return violation(parameter, "pattern", `${parameter.name} must match ${parameter.schema.pattern}`);
  }
  return undefined;
}

function checkInteger(parameter: Parameter, value: string): ParameterViolation | undefined {
  const isInt = /^[+-]?\d+$/.test(value.trim());
  const number = Number(value);
  if (!isInt || number < INT32.min || number > INT32.max) {
    return violation(parameter, "type", `${parameter.name} must be a 32-bit integer, got '${value}'`);
  }
  const { minimum, maximum } = parameter.schema;
  if (minimum !== undefined && number < minimum) {
    return violation(parameter, "minimum", `${parameter.name} must be at least ${minimum}, got ${number}`);
  }
  if (maximum !== undefined && number > maximum) {
    return violation(parameter, "maximum", `${parameter.name} must be at most ${maximum}, got ${number}`);
  }
  return undefined;
}

/** ASP.NET binds `true`/`false` in any case. */
function checkBoolean(parameter: Parameter, value: string): ParameterViolation | undefined {
  const lower = value.trim().toLowerCase();
  if (lower === "true" || lower === "false") return undefined;
  return violation(parameter, "type", `${parameter.name} must be true or false, got '${value}'`);
}

function violation(parameter: Parameter, rule: ParameterRule, detail: string): ParameterViolation {
  return { parameter, rule, detail };
}
