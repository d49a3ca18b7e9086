// Loads suite files: YAML with positions, structure, variables, tests and steps; every problem collected, then thrown.
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { HubkitError, HubkitErrorList } from "../errors.js";
import { checkReferences } from "./check-references.js";
import { parseDuration } from "./duration.js";
import { findSuiteFiles } from "./find-suite-files.js";
import { SECRET_PREFIX } from "./known-names.js";
import type { LoadOptions } from "./load-options.js";
import { isRecord, loadSteps, type StepsContext } from "./load-steps.js";
import { describeSchemaErrors } from "./schema-errors.js";
import { buildStructureSchema } from "./suite-schema.js";
import { compileValue, NAME_PATTERN } from "./template.js";
import type { LoadedSuite, LoadedTest, SuiteVariable, TargetKind } from "./types.js";
import { validatorFor } from "./validator-cache.js";
import { parseYamlSource, type YamlSource } from "./yaml-source.js";

export type { LoadOptions };

const STRUCTURE = buildStructureSchema();
/** The largest suite file hubkit loads: far beyond any hand-written suite, small enough to load in seconds. */
export const MAX_SUITE_BYTES = 2 * 1024 * 1024;
/** Files from this size on (or any file once loading has taken a second) get a progress line. */
const PROGRESS_BYTES = 256 * 1024;
/** Problems listed per file before the rest are only counted. */
export const MAX_PROBLEMS_PER_FILE = 50;

/** Loads every suite under `paths`; throws one `HubkitErrorList` with all problems of all files (exit code 2). */
export async function loadSuites(paths: readonly string[], options: LoadOptions): Promise<LoadedSuite[]> {
  const files = await findSuiteFiles(paths, options.cwd);
  const suites: LoadedSuite[] = [];
  const problems: HubkitError[] = [];
  const started = Date.now();
  for (const [index, file] of files.entries()) {
    const path = resolve(options.cwd ?? process.cwd(), file);
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size > MAX_SUITE_BYTES) {
      problems.push(tooLarge(file, size));
      continue;
    }
    if (size >= PROGRESS_BYTES || Date.now() - started > 1000) {
      options.onProgress?.(`hubkit: loading suite ${index + 1} of ${files.length}: ${file} (${formatBytes(size)})\n`);
    }
    const text = await readFile(path, "utf8").catch((error: Error) => {
      problems.push(new HubkitError(`Cannot read ${file}: ${error.message}`, { code: "E_SUITE_PATH" }));
      return undefined;
    });
    if (text === undefined) continue;
    const result = loadSuiteText(file, text, options);
    problems.push(...result.problems);
    if (result.suite) suites.push(result.suite);
  }
  if (problems.length > 0) throw new HubkitErrorList(problems, `${problems.length} problem(s) in the suites`);
  return suites;
}

export interface LoadResult {
  /** Present only when the file has no problems. */
  suite?: LoadedSuite;
  problems: HubkitError[];
}

export function loadSuiteText(file: string, text: string, options: LoadOptions): LoadResult {
  const source = parseYamlSource(file, text);
  // A file that does not parse is not validated further: its structure would be wrong in countless places.
  if (source.errors.length > 0) return { problems: capProblems(source.errors) };
  const value = source.value;
  if (value === undefined || value === null) {
    return { problems: [problem(source, "The suite file is empty.", "Start with `name:` and `tests:`.")] };
  }
  const problems: HubkitError[] = [];
  const validate = validatorFor(STRUCTURE);
  if (!validate(value)) problems.push(...describeSchemaErrors(validate.errors ?? [], { source, base: [] }));
  if (!isRecord(value)) return { problems: capProblems(sortByPosition(problems, file)) };

  const env = options.env ?? process.env;
  const variables = loadVariables(value.variables, { source, problems, env });
  const ctx: StepsContext = { source, options, variables: new Set(variables.map((v) => v.name)), problems };
  const tests = Array.isArray(value.tests) ? loadTests(withApiVersion(value, ctx), ctx) : [];
  if (problems.length > 0) return { problems: capProblems(sortByPosition(problems, file)) };
  return {
    problems,
    suite: {
      file,
      name: String(value.name),
      ...(typeof value.description === "string" ? { description: value.description } : {}),
      variables,
      secrets: secretNames(value.secrets, variables, tests),
      tests,
      position: source.locate([]),
    },
  };
}

function loadVariables(
  raw: unknown,
  ctx: { source: YamlSource; problems: HubkitError[]; env: Readonly<Record<string, string | undefined>> },
): SuiteVariable[] {
  if (!isRecord(raw)) return [];
  const variables: SuiteVariable[] = [];
  for (const [name, rawValue] of Object.entries(raw)) {
    if (!NAME_PATTERN.test(name) || /^(env|secret)(\.|$)/.test(name) || name === "run" || name === "test") {
      ctx.problems.push(
        new HubkitError(`"${name}" is not a valid variable name.`, {
          code: "E_SUITE_VARIABLE",
          position: ctx.source.locate(["variables", name], { key: true }),
          hint: "Use letters, digits, _ and -, starting with a letter; `env`, `secret`, `run` and `test` are reserved.",
        }),
      );
      continue;
    }
    const value = compileValue(rawValue);
    const scope = { variables: new Set(variables.map((v) => v.name)), defined: new Set<string>(), env: ctx.env };
    ctx.problems.push(...checkReferences(value, scope, { source: ctx.source, base: ["variables", name] }));
    variables.push({ name, value });
  }
  return variables;
}

/** The suite's `secrets:` list and every environment variable it reads as `${secret.NAME}`, once each. */
function secretNames(listed: unknown, variables: readonly SuiteVariable[], tests: readonly LoadedTest[]): string[] {
  const names = new Set(Array.isArray(listed) ? listed.map(String) : []);
  const values = [...variables.map((v) => v.value), ...tests.flatMap((t) => t.steps.map((s) => s.config))];
  for (const value of values) {
    for (const ref of value.refs)
      if (ref.name.startsWith(SECRET_PREFIX)) names.add(ref.name.slice(SECRET_PREFIX.length));
  }
  return [...names];
}

/**
 * A suite's `apiVersion` becomes the `api-version` of each `call` step that sets none (a version the run's spec
 * must know).
 */
function withApiVersion(suite: Record<string, unknown>, ctx: StepsContext): Record<string, unknown> {
  const version = suite.apiVersion;
  if (typeof version !== "string") return suite;
  const known = ctx.options.spec.versions;
  if (!known.includes(version)) {
    ctx.problems.push(
      new HubkitError(`The suite targets API version ${version}, which the run's spec does not have.`, {
        code: "E_SUITE_API_VERSION",
        position: ctx.source.locate(["apiVersion"]),
        hint: `Use one of ${known.join(", ")}, or run with that version's spec (--api-version).`,
      }),
    );
    return suite;
  }
  const tests = (suite.tests as unknown[]).map((test) => {
    if (!isRecord(test) || !Array.isArray(test.steps)) return test;
    const steps = test.steps.map((step) => {
      if (!isRecord(step) || step.call === undefined) return step;
      const query = isRecord(step.query) ? step.query : {};
      return Object.hasOwn(query, "api-version") ? step : { ...step, query: { "api-version": version, ...query } };
    });
    return { ...test, steps };
  });
  return { ...suite, tests };
}

function loadTests(suite: Record<string, unknown>, ctx: StepsContext): LoadedTest[] {
  const suiteTags = Array.isArray(suite.tags) ? suite.tags.map(String) : [];
  const names = new Map<string, number>();
  const tests: LoadedTest[] = [];
  (suite.tests as unknown[]).forEach((raw, index) => {
    if (!isRecord(raw)) return;
    const path = ["tests", index];
    const name = typeof raw.name === "string" ? raw.name : `#${index + 1}`;
    const first = names.get(name);
    if (first !== undefined) {
      ctx.problems.push(
        new HubkitError(`Two tests are named "${name}" (the first is test #${first + 1}).`, {
          code: "E_SUITE_DUPLICATE_TEST",
          position: ctx.source.locate([...path, "name"]),
          hint: "Test names identify results across runs; make each unique within its suite.",
        }),
      );
    }
    names.set(name, index);
    const steps = Array.isArray(raw.steps) ? loadSteps(raw.steps, [...path, "steps"], ctx) : [];
    const test: LoadedTest = {
      name,
      tags: [...new Set([...suiteTags, ...(Array.isArray(raw.tags) ? raw.tags.map(String) : [])])],
      position: ctx.source.locate(path),
      steps,
    };
    if (typeof raw.description === "string") test.description = raw.description;
    if (typeof raw.skip === "string") test.skip = raw.skip;
    if (Array.isArray(raw.targets)) test.targets = raw.targets as TargetKind[];
    const timeout = parseDuration(raw.timeout);
    if (timeout !== undefined) test.timeoutMs = timeout;
    tests.push(test);
  });
  return tests;
}

/** File order (the suite's own first), so the list reads top to bottom like the file (stable for problems at the same place). */
function sortByPosition(problems: HubkitError[], file: string): HubkitError[] {
  // Problems inside files the suite refers to (fixtures) come after the suite's own.
  const key = (e: HubkitError) =>
    !e.position ? 0 : (e.position.file === file ? 0 : 1e12) + e.position.line * 100_000 + e.position.column;
  return problems
    .map((e, i) => ({ e, i }))
    .sort((a, b) => key(a.e) - key(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** The first problems of a file and a closing count: one mistake repeated in every step should not bury the rest. */
function capProblems(problems: HubkitError[]): HubkitError[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const omitted = problems.length - MAX_PROBLEMS_PER_FILE;
  const more = new HubkitError(`… and ${omitted} more problem${omitted === 1 ? "" : "s"} from here on.`, {
    code: "E_SUITE_TOO_MANY",
    hint: `Only the first ${MAX_PROBLEMS_PER_FILE} are listed; they are often one mistake repeated. Fix them and run again.`,
    position: problems[MAX_PROBLEMS_PER_FILE]!.position,
  });
  return [...problems.slice(0, MAX_PROBLEMS_PER_FILE), more];
}

function tooLarge(file: string, size: number): HubkitError {
  return new HubkitError(
    `${file} is ${formatBytes(size)}; a suite file may be at most ${formatBytes(MAX_SUITE_BYTES)}.`,
    {
      code: "E_SUITE_TOO_LARGE",
      position: { file, line: 1, column: 1 },
      hint: "Split it into several files (hubkit run takes a folder), or build long values from variables (see suites/validation.yaml).",
    },
  );
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function problem(source: YamlSource, message: string, hint: string): HubkitError {
  return new HubkitError(message, { code: "E_SUITE_INVALID", position: source.locate([]), hint });
}
