// `${name}` templates in suite values: compiled once at load time, resolved per step against the test's scope.

/** A reference found in a suite value: `${alice.connectionId}` at `path` (relative to the compiled value). */
export interface TemplateRef {
  name: string;
  /** The `:-default` part of `${env.NAME:-default}`, used when the name is not defined. */
  fallback?: string;
  path: readonly (string | number)[];
}

export interface TemplateProblem {
  path: readonly (string | number)[];
  message: string;
}

/** Where names are looked up; `undefined` means "not defined". */
export interface Scope {
  get(name: string): unknown;
}

export interface CompiledValue<T = unknown> {
  readonly refs: readonly TemplateRef[];
  readonly problems: readonly TemplateProblem[];
  resolve(scope: Scope): T;
}

/** Thrown at run time when a name cannot be resolved (a step error, not a check failure). */
export class UnknownVariableError extends Error {
  constructor(readonly variable: string) {
    super(`\${${variable}} is not defined`);
    this.name = "UnknownVariableError";
  }
}

export const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$/;
const TOKEN = /\$\$\{|\$\{([^}]*)\}|\$\{/g;

type Part = string | { name: string; fallback?: string };
type Resolver = (scope: Scope) => unknown;

/** Compiles every string inside `value`, object keys included; values without templates resolve to themselves. */
export function compileValue<T = unknown>(value: T): CompiledValue<T> {
  const refs: TemplateRef[] = [];
  const problems: TemplateProblem[] = [];
  const resolver = compileNode(value, [], { refs, problems });
  return { refs, problems, resolve: (scope) => (resolver ? resolver(scope) : value) as T };
}

interface Sink {
  refs: TemplateRef[];
  problems: TemplateProblem[];
}

function compileNode(value: unknown, path: (string | number)[], sink: Sink): Resolver | undefined {
  if (typeof value === "string") return compileString(value, path, sink);
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compileNode(item, [...path, i], sink));
    if (items.every((r) => r === undefined)) return undefined;
    return (scope) => value.map((item, i) => (items[i] ? items[i](scope) : item));
  }
  if (value !== null && typeof value === "object") {
    // Keys are templated too: fixtures name hubs and users by key (`"chat_${run.id}": ...`).
    const entries = Object.entries(value).map(
      ([k, v]) => [k, compileString(k, [...path, k], sink), v, compileNode(v, [...path, k], sink)] as const,
    );
    if (entries.every(([, kr, , vr]) => kr === undefined && vr === undefined)) return undefined;
    return (scope) =>
      Object.fromEntries(entries.map(([k, kr, v, vr]) => [kr ? String(kr(scope)) : k, vr ? vr(scope) : v]));
  }
  return undefined;
}

function compileString(text: string, path: (string | number)[], sink: Sink): Resolver | undefined {
  if (!text.includes("${")) return undefined;
  const parts = parseTemplate(text, (message) => sink.problems.push({ path, message }));
  for (const part of parts) if (typeof part !== "string") sink.refs.push({ ...part, path });
  const only = parts.length === 1 ? parts[0] : undefined;
  // A value that is exactly one reference keeps the referenced value's type (`ttl: ${ttl}` stays a number).
  if (only !== undefined && typeof only !== "string") return (scope) => lookup(scope, only);
  return (scope) => parts.map((p) => (typeof p === "string" ? p : stringify(lookup(scope, p)))).join("");
}

/** Splits text into literals and references; `$${` is a literal `${`. */
export function parseTemplate(text: string, report: (message: string) => void): Part[] {
  const parts: Part[] = [];
  let last = 0;
  let literal = "";
  for (const match of text.matchAll(TOKEN)) {
    literal += text.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === "$${") {
      literal += "${";
      continue;
    }
    if (match[1] === undefined) {
      report(`"${text}" has a \${ without a closing }`);
      literal += match[0];
      continue;
    }
    const ref = parseReference(match[1]);
    if (!ref) {
      report(
        `\${${match[1]}} is not a valid reference: expected \${name}, \${env.NAME}, \${env.NAME:-default} or \${secret.NAME}`,
      );
      literal += match[0];
      continue;
    }
    if (literal !== "") parts.push(literal);
    literal = "";
    parts.push(ref);
  }
  literal += text.slice(last);
  if (literal !== "" || parts.length === 0) parts.push(literal);
  return parts;
}

function parseReference(inner: string): { name: string; fallback?: string } | undefined {
  const sep = inner.indexOf(":-");
  const name = (sep < 0 ? inner : inner.slice(0, sep)).trim();
  if (!NAME_PATTERN.test(name)) return undefined;
  return sep < 0 ? { name } : { name, fallback: inner.slice(sep + 2) };
}

function lookup(scope: Scope, ref: { name: string; fallback?: string }): unknown {
  const value = scope.get(ref.name);
  if (value !== undefined) return value;
  if (ref.fallback !== undefined) return ref.fallback;
  throw new UnknownVariableError(ref.name);
}

function stringify(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}
