// Runs one test: fresh state, variables, each step in order until one fails, clients closed at the end.
import type { SourcePosition } from "../errors.js";
import type { CheckResult, StepResult, TestResult } from "../results/result.js";
import type { SpecIndex } from "../spec/index.js";
import type { LoadedStep, LoadedSuite, LoadedTest } from "../suite/index.js";
import type { Target } from "../targets/target.js";
import type { ClientInbox } from "./client-inbox.js";
import { describeStepError, TestTimeoutError } from "./step-error.js";
import type { RunDefaults, StepContext, StepKind, StepOutcome } from "./step-kind.js";
import { stepKindsByName } from "./steps/index.js";
import { TestScope } from "./test-scope.js";

export interface RunTestInput {
  suite: LoadedSuite;
  test: LoadedTest;
  /** 1-based number of the test in the run, for `${test.id}`. */
  number: number;
  target: Target;
  spec: SpecIndex;
  runId: string;
  env: Readonly<Record<string, string | undefined>>;
  defaults: RunDefaults;
  timeoutMs: number;
  kinds?: ReadonlyMap<string, StepKind>;
}

export function testId(suite: LoadedSuite, test: LoadedTest): string {
  return `${suite.name} › ${test.name}`;
}

export function skippedTest(suite: LoadedSuite, test: LoadedTest, reason: string): TestResult {
  return { ...identity(suite, test), outcome: "skipped", durationMs: 0, steps: [], skipReason: reason };
}

export async function runTest(input: RunTestInput): Promise<TestResult> {
  const { suite, test, target } = input;
  if (test.skip) return skippedTest(suite, test, test.skip);
  if (test.targets && !test.targets.includes(target.kind)) {
    return skippedTest(suite, test, `runs only on the ${test.targets.join(" and ")} target (this run: ${target.kind})`);
  }
  const started = performance.now();
  const steps: StepResult[] = [];
  const clients = new Map<string, ClientInbox>();
  const timeoutMs = test.timeoutMs ?? input.timeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TestTimeoutError(timeoutMs)), timeoutMs);
  let skipReason: string | undefined;
  try {
    const scope = new TestScope(input.env);
    const setup = await prepare(input, scope);
    if (setup) steps.push(setup);
    for (const step of setup ? [] : test.steps) {
      const ctx: StepContext = {
        target,
        spec: input.spec,
        step,
        scope,
        clients,
        signal: controller.signal,
        defaults: input.defaults,
      };
      const result = await runStep(step, ctx, input.kinds ?? stepKindsByName);
      steps.push(result.step);
      if (result.skipTest) skipReason = result.skipTest;
      if (result.step.outcome === "failed" || result.step.outcome === "errored" || result.skipTest) break;
    }
  } finally {
    clearTimeout(timer);
    await closeClients([...clients.values()]);
  }
  const durationMs = performance.now() - started;
  const base = { ...identity(suite, test), durationMs, steps };
  if (steps.some((s) => s.outcome === "errored")) return { ...base, outcome: "errored" };
  if (steps.some((s) => s.outcome === "failed")) return { ...base, outcome: "failed" };
  return skipReason ? { ...base, outcome: "skipped", skipReason } : { ...base, outcome: "passed" };
}

/** Fresh state and variables; a problem here is reported as an errored setup step. */
async function prepare(input: RunTestInput, scope: TestScope): Promise<StepResult | undefined> {
  const started = performance.now();
  try {
    await input.target.reset?.();
    scope.set("run.id", input.runId);
    scope.set("test.id", `${input.runId}_${input.number}`);
    scope.set("target.endpoint", input.target.endpoint);
    for (const variable of input.suite.variables) scope.set(variable.name, variable.value.resolve(scope));
    return undefined;
  } catch (error) {
    return {
      outcome: "errored",
      kind: "setup",
      title: "prepare the test (reset state, resolve variables)",
      position: input.test.position,
      durationMs: performance.now() - started,
      checks: [],
      error: describeStepError(error),
    };
  }
}

async function runStep(
  step: LoadedStep,
  ctx: StepContext,
  kinds: ReadonlyMap<string, StepKind>,
): Promise<{ step: StepResult; skipTest?: string }> {
  const started = performance.now();
  const base = { kind: step.kind, title: step.title, position: step.position };
  try {
    const kind = kinds.get(step.kind);
    if (!kind) throw new Error(`No step kind "${step.kind}" is registered.`);
    const config = step.config.resolve(ctx.scope);
    const outcome = await abortable(kind.run(config, ctx), ctx.signal);
    const result = toStepResult(outcome, { ...base, durationMs: performance.now() - started });
    return outcome.skipped?.skipTest ? { step: result, skipTest: outcome.skipped.reason } : { step: result };
  } catch (error) {
    const reason = ctx.signal.aborted ? ctx.signal.reason : error;
    return {
      step: {
        ...base,
        outcome: "errored",
        durationMs: performance.now() - started,
        checks: [],
        error: describeStepError(reason),
      },
    };
  }
}

function toStepResult(
  outcome: StepOutcome,
  base: { kind: string; title: string; position: SourcePosition; durationMs: number },
): StepResult {
  const extra = {
    checks: outcome.checks,
    ...(outcome.note ? { title: `${base.title} (${outcome.note})` } : {}),
    ...(outcome.exchange ? { exchange: outcome.exchange } : {}),
    ...(outcome.http ? { http: outcome.http } : {}),
    ...(outcome.schemaViolations ? { schemaViolations: outcome.schemaViolations } : {}),
  };
  if (outcome.skipped) return { ...base, ...extra, outcome: "skipped", reason: outcome.skipped.reason };
  const failed = outcome.checks.filter((c) => c.outcome === "failed");
  if (failed.length === 0) return { ...base, ...extra, outcome: "passed" };
  return { ...base, ...extra, outcome: "failed", failure: failed.map(describeFailure).join("; ") };
}

export function describeFailure(check: CheckResult): string {
  return `${check.title}: expected ${show(check.expected)}, got ${show(check.actual)}`;
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "nothing" : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function identity(suite: LoadedSuite, test: LoadedTest) {
  return {
    id: testId(suite, test),
    suite: suite.name,
    name: test.name,
    file: suite.file,
    position: test.position,
    tags: test.tags,
  };
}

/** Stops the test's clients; a client that does not stop within 5 s is left behind rather than hanging the run. */
async function closeClients(clients: readonly ClientInbox[]): Promise<void> {
  if (clients.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 5000);
  });
  await Promise.race([Promise.allSettled(clients.map((c) => c.client.stop())), limit]);
  clearTimeout(timer);
}

/** Ends a step when the test's signal aborts, even if the step ignores the signal. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
