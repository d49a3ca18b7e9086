// Part 4, runner: the conformance suites against the mock (wall time without deliberate waits), and the runner's
// cost per call next to a bare undici loop against the same in-process mock.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import { createMockServer } from "../../src/mock/index.js";
import { loadRunnableSuites, runSuites, stepKinds } from "../../src/runner/index.js";
import { loadServedSpec, type SpecIndex } from "../../src/spec/index.js";
import { findSuiteFiles, loadSuiteText } from "../../src/suite/index.js";
import { createMockTargetFactory } from "../../src/targets/index.js";
import { REPO_ROOT } from "../lib/children.js";
import { formatInt, formatTable, type PartResult, type TargetCheck } from "../lib/report.js";
import { BENCH_ACCESS_KEY, SEND_PATH, SMALL_BODY } from "../lib/routes.js";
import { median, ms } from "../lib/stats.js";
import { restAuthorization } from "../lib/tokens.js";

export interface RunnerSettings {
  callsPerRound: number;
  rounds: number;
}

export const RUNNER_FULL: RunnerSettings = { callsPerRound: 1000, rounds: 6 };
export const RUNNER_QUICK: RunnerSettings = { callsPerRound: 200, rounds: 2 };

interface SuitesFigures {
  files: number;
  tests: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  loadMs: number;
  runMs: number;
  waitMs: number;
  withoutWaitsMs: number;
  /** Summed step durations by step kind (`expectMessage` includes the quiet windows of "no message" checks). */
  stepMsByKind: Record<string, number>;
}

export async function runRunnerPart(settings: RunnerSettings): Promise<PartResult> {
  // Every shipped version, as the mock serves them: suites/v2024-12-01 declares apiVersion 2024-12-01.
  const spec = loadServedSpec();
  const notes: string[] = [];
  const suites = await measureSuites(spec, notes);
  const overhead = await measureOverhead(spec, settings);
  return summarize(suites, overhead, settings, notes);
}

async function measureSuites(spec: SpecIndex, notes: string[]): Promise<SuitesFigures | undefined> {
  const dir = join(REPO_ROOT, "suites");
  const files = existsSync(dir) ? await findSuiteFiles(["suites"], REPO_ROOT).catch(() => []) : [];
  if (files.length === 0) {
    notes.push("suites/ holds no suite files yet: the conformance-suite wall time was not measured");
    return undefined;
  }
  const started = performance.now();
  const suites = await loadRunnableSuites(["suites"], { spec, cwd: REPO_ROOT });
  const loadMs = performance.now() - started;
  process.stdout.write(`  runner: ${files.length} suite files against the mock\n`);
  const result = await runSuites({ suites, targets: createMockTargetFactory(), spec });
  const runMs = performance.now() - started - loadMs;
  // `wait` steps are deliberate pauses (TTL expiry and the like): time the suites spend doing nothing by design.
  const byKind: Record<string, number> = {};
  for (const step of result.tests.flatMap((t) => t.steps))
    byKind[step.kind] = (byKind[step.kind] ?? 0) + step.durationMs;
  const waitMs = byKind.wait ?? 0;
  const { summary } = result;
  if (summary.failed + summary.errored > 0)
    notes.push(`suites: ${summary.failed} failed and ${summary.errored} errored tests (timed all the same)`);
  return {
    files: files.length,
    tests: summary.total,
    passed: summary.passed,
    failed: summary.failed,
    errored: summary.errored,
    skipped: summary.skipped,
    loadMs,
    runMs,
    waitMs,
    withoutWaitsMs: loadMs + runMs - waitMs,
    stepMsByKind: byKind,
  };
}

interface Overhead {
  runnerMsPerCall: number[];
  bareMsPerCall: number[];
}

async function measureOverhead(spec: SpecIndex, settings: RunnerSettings): Promise<Overhead> {
  const figures: Overhead = { runnerMsPerCall: [], bareMsPerCall: [] };
  // One warm-up round of each, then alternate so both see the same machine.
  await runnerRound(spec, Math.ceil(settings.callsPerRound / 4));
  await bareRound(Math.ceil(settings.callsPerRound / 4));
  for (let round = 0; round < settings.rounds; round++) {
    process.stdout.write(
      `  runner: overhead round ${round + 1}/${settings.rounds} (${settings.callsPerRound} calls each)\n`,
    );
    // Alternate which goes first: the garbage one leaves behind is collected during the next.
    if (round % 2 === 0) figures.bareMsPerCall.push(await bareRound(settings.callsPerRound));
    figures.runnerMsPerCall.push(await runnerRound(spec, settings.callsPerRound));
    if (round % 2 === 1) figures.bareMsPerCall.push(await bareRound(settings.callsPerRound));
  }
  return figures;
}

/** One test of `calls` broadcast steps through the whole runner (load, template, sign, send, check, record). */
async function runnerRound(spec: SpecIndex, calls: number): Promise<number> {
  const step = {
    call: "SignalR_Broadcast",
    params: { hub: "chat" },
    body: JSON.parse(SMALL_BODY),
    expect: { status: 202 },
  };
  const text = JSON.stringify({
    name: "bench",
    tests: [{ name: "sends", timeout: "300s", steps: Array(calls).fill(step) }],
  });
  const loaded = loadSuiteText("bench-runner.yaml", text, { steps: stepKinds, spec });
  if (!loaded.suite) throw new Error(`bench suite does not load: ${loaded.problems.map((p) => p.message).join("; ")}`);
  const result = await runSuites({ suites: [loaded.suite], targets: createMockTargetFactory(), spec });
  const test = result.tests[0]!;
  if (test.outcome !== "passed")
    throw new Error(`bench suite ${test.outcome}: ${JSON.stringify(test.steps.find((s) => s.outcome !== "passed"))}`);
  return test.durationMs / calls;
}

/** The same calls as a plain undici loop against the same kind of mock (in-process, port 0). */
async function bareRound(calls: number): Promise<number> {
  const server = await createMockServer({ port: 0, host: "127.0.0.1", accessKeys: [BENCH_ACCESS_KEY] });
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  try {
    const headers = {
      authorization: await restAuthorization(server.url, SEND_PATH),
      "content-type": "application/json",
    };
    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const res = await request(server.url + SEND_PATH, {
        method: "POST",
        headers,
        body: SMALL_BODY,
        dispatcher: agent,
      });
      await res.body.text();
      if (res.statusCode !== 202) throw new Error(`bare loop: the mock answered ${res.statusCode}`);
    }
    return (performance.now() - started) / calls;
  } finally {
    await agent.close();
    await server.close();
  }
}

function summarize(
  suites: SuitesFigures | undefined,
  overhead: Overhead,
  settings: RunnerSettings,
  notes: string[],
): PartResult {
  const runner = median(overhead.runnerMsPerCall);
  const bare = median(overhead.bareMsPerCall);
  // Rounds run back to back in pairs, so the difference within a pair sees the same machine; take its median.
  const extra = median(overhead.runnerMsPerCall.map((r, i) => r - overhead.bareMsPerCall[i]!));
  const tables = [
    formatTable(
      `Runner overhead (${settings.callsPerRound} sequential POST :send calls per round, ${settings.rounds} rounds)`,
      ["client", "per call (median)", "per call (best)", "calls/s (median)"],
      [
        ["bare undici loop", ms(bare, 3), ms(Math.min(...overhead.bareMsPerCall), 3), formatInt(1000 / bare)],
        [
          "hubkit runner (call steps)",
          ms(runner, 3),
          ms(Math.min(...overhead.runnerMsPerCall), 3),
          formatInt(1000 / runner),
        ],
        ["runner overhead (median of pairs)", ms(extra, 3), "", ""],
      ],
    ),
  ];
  if (suites) {
    tables.unshift(
      formatTable(
        `Conformance suites against the mock (${suites.files} files, ${suites.tests} tests: ${suites.passed} passed, ${suites.failed} failed, ${suites.errored} errored, ${suites.skipped} skipped)`,
        ["measure", "value"],
        [
          ["load and validate", ms(suites.loadMs, 0)],
          ["run", ms(suites.runMs, 0)],
          ["deliberate waits (wait steps)", ms(suites.waitMs, 0)],
          ["wall time without waits", ms(suites.withoutWaitsMs, 0)],
          ...Object.entries(suites.stepMsByKind)
            .sort((a, b) => b[1] - a[1])
            .map(([kind, total]) => [`  in ${kind} steps`, ms(total, 0)]),
        ],
      ),
    );
  }
  const targets: TargetCheck[] = [
    {
      part: "runner",
      name: "conformance suites, wall time without waits",
      target: "< 10 s",
      actual: suites ? `${(suites.withoutWaitsMs / 1000).toFixed(2)} s` : "n/a",
      met: suites ? suites.withoutWaitsMs < 10_000 : undefined,
      ...(suites ? {} : { note: "no suite files yet" }),
    },
    {
      part: "runner",
      name: "runner overhead per call vs bare undici",
      target: "< 1 ms",
      actual: ms(extra, 3),
      met: extra < 1,
    },
  ];
  return {
    name: "runner",
    figures: { settings, suites, overhead: { ...overhead, runnerMs: runner, bareMs: bare, extraMs: extra } },
    tables,
    targets,
    notes,
  };
}
