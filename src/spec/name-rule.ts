// The strictest rule the spec declares for a named parameter (hub, application, group), shared by every checker.
import type { Operation, Parameter } from "./types.js";

/** What the rules are read from: a SpecIndex's operations (named structurally, so spec-index.ts can import this). */
type OperationList = { readonly operations: readonly Operation[] };

/**
 * The first parameter called `name` (path or query) that declares a pattern. The spec leaves the group pattern off
 * two operations; the service applies one rule to every group, so checkers take the declared one from here.
 */
export function patternedParameter(spec: OperationList, name: string): Parameter {
  for (const operation of spec.operations) {
    const parameter = [...operation.pathParams, ...operation.queryParams].find((p) => p.name === name && p.regex);
    if (parameter) return parameter;
  }
  throw new Error(`the spec declares no pattern for a parameter called ${name}`);
}

/** The name rules every checker shares (REST, fixtures, client endpoints), read from one SpecIndex. */
export interface NameRules {
  hub: RegExp;
  application: RegExp;
  group: RegExp;
  groupMaxLength: number;
}

export function nameRulesOf(spec: OperationList): NameRules {
  const group = patternedParameter(spec, "group");
  return {
    hub: patternedParameter(spec, "hub").regex!,
    application: patternedParameter(spec, "application").regex!,
    group: group.regex!,
    groupMaxLength: group.schema.maxLength ?? 1024,
  };
}
