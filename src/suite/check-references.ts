// Load-time check that every `${name}` a value uses is defined where it is used (with a "did you mean").
import { HubkitError, type UsageErrorCode } from "../errors.js";
import { suggestClosest } from "../spec/index.js";
import { BUILTIN_NAMES, CLIENT_PROPERTIES, ENV_PREFIX, SECRET_PREFIX } from "./known-names.js";
import type { CompiledValue } from "./template.js";
import type { DocPath, YamlSource } from "./yaml-source.js";

/** The names visible at one point of a suite. */
export interface NameScope {
  variables: ReadonlySet<string>;
  /** Captures and client properties defined by earlier steps of the same test. */
  defined: ReadonlySet<string>;
  env: Readonly<Record<string, string | undefined>>;
}

export function checkReferences(
  value: CompiledValue,
  scope: NameScope,
  where: { source: YamlSource; base: DocPath },
): HubkitError[] {
  const problems: HubkitError[] = [];
  const at = (path: DocPath) => where.source.locate([...where.base, ...path]);
  for (const problem of value.problems) {
    problems.push(
      new HubkitError(problem.message, {
        code: "E_SUITE_TEMPLATE",
        position: at(problem.path),
        hint: `Write \${name}; use $\${ for a literal \${.`,
      }),
    );
  }
  for (const ref of value.refs) {
    const unknown = describeUnknown(ref.name, ref.fallback !== undefined, scope);
    if (unknown) problems.push(new HubkitError(unknown.message, { ...unknown, position: at(ref.path) }));
  }
  return problems;
}

function describeUnknown(
  name: string,
  hasFallback: boolean,
  scope: NameScope,
): { message: string; code: UsageErrorCode; hint: string } | undefined {
  const prefix = [ENV_PREFIX, SECRET_PREFIX].find((p) => name.startsWith(p));
  if (prefix !== undefined) {
    const variable = name.slice(prefix.length);
    if (hasFallback || scope.env[variable] !== undefined) return undefined;
    return {
      message: `\${${name}}: environment variable ${variable} is not set.`,
      code: "E_SUITE_ENV",
      hint: `Set ${variable} before running, or give a default: \${${name}:-value}.`,
    };
  }
  if ((BUILTIN_NAMES as readonly string[]).includes(name) || scope.variables.has(name) || scope.defined.has(name)) {
    return undefined;
  }
  const dot = name.indexOf(".");
  const client = dot < 0 ? undefined : name.slice(0, dot);
  const property = dot < 0 ? "" : name.slice(dot + 1);
  const isClientProperty = (CLIENT_PROPERTIES as readonly string[]).includes(property);
  if (client !== undefined) {
    const opened = [...scope.defined].some((n) => n.startsWith(`${client}.`));
    if (opened && !isClientProperty) {
      return {
        message: `\${${name}}: a client has no property "${property}".`,
        code: "E_SUITE_VARIABLE",
        hint: `Client properties: ${CLIENT_PROPERTIES.join(", ")}.`,
      };
    }
  }
  const candidates = [...BUILTIN_NAMES, ...scope.variables, ...scope.defined];
  const guess = suggestClosest(name, candidates);
  const hintClient =
    client !== undefined && isClientProperty
      ? ` A client's properties exist after its \`connect: ${client}\` step.`
      : "";
  return {
    message: `\${${name}} is not defined here.`,
    code: "E_SUITE_VARIABLE",
    hint: guess
      ? `Did you mean \${${guess}}?`
      : `Define it under \`variables:\`, capture it in an earlier step, or use \${env.NAME}.${hintClient}`,
  };
}
