// Loads the steps of one test: finds each step's kind, validates it against the kind's schema and semantics.
import { dirname, resolve } from "node:path";
import { HubkitError, HubkitErrorList } from "../errors.js";
import { suggestClosest } from "../spec/index.js";
import { checkReferences, type NameScope } from "./check-references.js";
import { CLIENT_PROPERTIES } from "./known-names.js";
import type { LoadOptions } from "./load-options.js";
import { describeSchemaErrors } from "./schema-errors.js";
import type { StepDefinition, StepValidationContext } from "./step-definition.js";
import { compileValue } from "./template.js";
import type { LoadedStep } from "./types.js";
import { validatorFor } from "./validator-cache.js";
import type { DocPath, YamlSource } from "./yaml-source.js";

export interface StepsContext {
  source: YamlSource;
  options: LoadOptions;
  variables: ReadonlySet<string>;
  problems: HubkitError[];
}

export function loadSteps(rawSteps: readonly unknown[], base: DocPath, ctx: StepsContext): LoadedStep[] {
  const steps: LoadedStep[] = [];
  const defined = new Set<string>();
  const clients = new Set<string>();
  rawSteps.forEach((raw, index) => {
    const path = [...base, index];
    if (!isRecord(raw)) return; // the structure schema already reported it
    const kind = findKind(raw, path, ctx);
    if (!kind) return;
    const step = loadStep({
      raw,
      index,
      path,
      kind,
      ctx,
      scope: { variables: ctx.variables, defined, env: env(ctx) },
      clients,
    });
    const names = kind.defines?.(raw);
    for (const name of names?.names ?? []) defined.add(name);
    for (const client of names?.clients ?? []) {
      clients.add(client);
      for (const property of CLIENT_PROPERTIES) defined.add(`${client}.${property}`);
    }
    if (step) steps.push(step);
  });
  return steps;
}

function findKind(raw: Record<string, unknown>, path: DocPath, ctx: StepsContext): StepDefinition | undefined {
  const kinds = ctx.options.steps;
  const present = kinds.filter((k) => Object.hasOwn(raw, k.name));
  const names = kinds.map((k) => k.name);
  if (present.length === 1) return present[0];
  if (present.length > 1) {
    ctx.problems.push(
      new HubkitError(
        `A step has ${present.length} kinds (${present.map((k) => k.name).join(", ")}); it must have one.`,
        {
          code: "E_SUITE_STEP_KIND",
          position: ctx.source.locate([...path, present[1]!.name], { key: true }),
          hint: "Split it into one step per kind.",
        },
      ),
    );
    return undefined;
  }
  const keys = Object.keys(raw);
  const guessKey = keys.find((k) => suggestClosest(k, names) !== undefined);
  const guess = guessKey === undefined ? undefined : suggestClosest(guessKey, names);
  ctx.problems.push(
    new HubkitError(
      guessKey ? `Unknown step kind "${guessKey}".` : `A step has no kind (found keys: ${keys.join(", ") || "none"}).`,
      {
        code: "E_SUITE_STEP_KIND",
        position: guessKey ? ctx.source.locate([...path, guessKey], { key: true }) : ctx.source.locate(path),
        hint: guess ? `Did you mean "${guess}"?` : `Step kinds: ${names.join(", ")}.`,
      },
    ),
  );
  return undefined;
}

interface StepInput {
  raw: Record<string, unknown>;
  index: number;
  path: DocPath;
  kind: StepDefinition;
  ctx: StepsContext;
  scope: NameScope;
  clients: ReadonlySet<string>;
}

function loadStep({ raw, index, path, kind, ctx, scope, clients }: StepInput): LoadedStep | undefined {
  const { source, problems } = ctx;
  const before = problems.length;
  const validate = validatorFor(kind.schema);
  if (!validate(raw)) {
    problems.push(...describeSchemaErrors(validate.errors ?? [], { source, base: path }));
    // Templates are plain strings whatever the shape, so their names can still be checked in the same pass.
    problems.push(...checkReferences(compileValue(raw), scope, { source, base: path }));
    return undefined;
  }
  const validation: StepValidationContext = {
    spec: ctx.options.spec,
    clients,
    baseDir: dirname(resolve(ctx.options.cwd ?? process.cwd(), source.file)),
    report: (at, message, options) =>
      problems.push(
        new HubkitError(message, {
          code: options?.code ?? "E_SUITE_INVALID",
          hint: options?.hint,
          position: source.locate([...path, ...at], { key: options?.key }),
        }),
      ),
    reportError: (error) => problems.push(...(error instanceof HubkitErrorList ? error.problems : [error])),
  };
  kind.validate?.(raw, validation);
  const prepared = kind.prepare ? kind.prepare(raw, validation) : raw;
  const config = compileValue(prepared);
  problems.push(...checkReferences(config, scope, { source, base: path }));
  if (problems.length > before) return undefined;
  const operation = kind.operation?.(prepared, ctx.options.spec);
  return {
    kind: kind.name,
    index,
    title: typeof raw.name === "string" ? raw.name : kind.title(raw),
    position: source.locate(path),
    locate: (at) => source.locate([...path, ...at]),
    raw: prepared,
    config,
    ...(operation ? { operation } : {}),
  };
}

function env(ctx: StepsContext): Readonly<Record<string, string | undefined>> {
  return ctx.options.env ?? process.env;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
