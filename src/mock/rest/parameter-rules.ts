// Per-operation parameter checks compiled from the spec, answering with the emulator's validation texts.
import {
  checkParameter,
  type Operation,
  type Parameter,
  type ParameterViolation,
  patternedParameter,
  type SpecIndex,
} from "../../spec/index.js";
import { invalidParameter, type MockHttpError } from "../errors.js";
import { firstValue, type QueryValues } from "./query.js";

const NAME_RULE =
  "The first character must be a letter, other characters can be letters, digits or the following symbols _`,.[]";

/** The emulator's messages (`ErrorMessages.Validation`), by parameter name; others fall back to the spec detail. */
const MESSAGES: Readonly<Record<string, (violation: ParameterViolation, value: string) => string>> = {
  hub: () => `Invalid hub name. Valid hub name should be in between 1 and 128 characters long. ${NAME_RULE}`,
  application: () =>
    `Invalid value of 'application'. Valid application name should be in between 1 and 128 characters long. ${NAME_RULE}`,
  group: () => "Invalid group name. Valid group name should be in between 1 and 1024 characters long.",
  connectionId: () => "Invalid connection id. Valid connection id should be more than 1 characters long",
  // .NET's StringLength default message, the emulator's only rule on `user`.
  user: ({ parameter }) =>
    `The field user must be a string with a minimum length of ${parameter.schema.minLength ?? 0} and a maximum length of ${parameter.schema.maxLength ?? 0}.`,
  // ASP.NET model binding's text for a value that does not convert to the parameter's type.
  ttl: (_, value) => `The value '${value}' is not valid for ttl.`,
};

/** A compiled check of one path or query parameter. */
export interface ParameterCheck {
  readonly parameter: Parameter;
  readonly inPath: boolean;
}

/** The checks of an operation, in spec order; `api-version` is checked on its own, earlier. */
export function compileParameterChecks(operation: Operation, spec: SpecIndex): ParameterCheck[] {
  const groupRule = patternedParameter(spec, "group");
  const checks: ParameterCheck[] = [];
  for (const parameter of [...operation.pathParams, ...operation.queryParams]) {
    if (parameter.name === "api-version") continue;
    const strict = parameter.name === "group" && !parameter.regex ? withRule(parameter, groupRule) : parameter;
    checks.push({ parameter: strict, inPath: parameter.in === "path" });
  }
  return checks;
}

/** Runs the checks; the first violation (in spec order) is the answer, with `target` = the parameter name. */
export function checkParameters(
  checks: readonly ParameterCheck[],
  params: Readonly<Record<string, string>>,
  query: QueryValues,
): MockHttpError | undefined {
  for (const { parameter, inPath } of checks) {
    // Query names are matched case-insensitively (the Management SDK sends `maxPageSize` for `maxpagesize`).
    const value = inPath ? params[parameter.name] : firstValue(query, parameter.name.toLowerCase());
    if (parameter.schema.type === "array") continue; // `excluded` items carry no rule
    const violation = checkParameter(parameter, value);
    if (violation) {
      const message = MESSAGES[parameter.name]?.(violation, value ?? "") ?? violation.detail;
      return invalidParameter(parameter.name, message);
    }
  }
  return undefined;
}

function withRule(parameter: Parameter, rule: Parameter): Parameter {
  const strict: Parameter = { ...parameter, schema: { ...parameter.schema, pattern: rule.schema.pattern } };
  if (rule.regex) strict.regex = rule.regex;
  return strict;
}
