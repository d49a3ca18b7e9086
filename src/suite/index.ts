// Public surface of the suite module: load and validate suite files, templates, durations and text patterns.
export { DURATION_SCHEMA, durationOr, parseDuration } from "./duration.js";
export { findSuiteFiles } from "./find-suite-files.js";
export { BUILTIN_NAMES, CLIENT_PROPERTIES } from "./known-names.js";
export {
  type LoadOptions,
  type LoadResult,
  loadSuites,
  loadSuiteText,
  MAX_PROBLEMS_PER_FILE,
  MAX_SUITE_BYTES,
} from "./load-suite.js";
export {
  COMMON_STEP_PROPERTIES,
  type ProblemOptions,
  type StepDefinition,
  type StepValidationContext,
} from "./step-definition.js";
export { buildSuiteSchema } from "./suite-schema.js";
export { suiteSecretValues } from "./suite-secrets.js";
export { type CompiledValue, compileValue, type Scope, UnknownVariableError } from "./template.js";
export { compileTextPattern, isRegexLiteral, regexProblem, type TextPattern } from "./text-pattern.js";
export type { JsonSchema, LoadedStep, LoadedSuite, LoadedTest, SuiteVariable, TargetKind } from "./types.js";
export type { DocPath } from "./yaml-source.js";
