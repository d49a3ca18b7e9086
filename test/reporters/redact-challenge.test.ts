// Redaction keeps WWW-Authenticate challenges and scheme names readable.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createConsoleReporter } from "../../src/reporters/console.js";
import {
  buildConformanceReport,
  createReporters,
  type FileReporterName,
  RENDERINGS,
  type Reporter,
} from "../../src/reporters/index.js";
import type { RunResult, StepResult, TestResult } from "../../src/results/result.js";
import { summarize } from "../../src/results/result.js";
import { loadSpec } from "../../src/spec/index.js";
import { passingRun, SAMPLE_ACCESS_KEY } from "../fixtures/runs/sample-runs.js";

const spec = loadSpec();
const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const BARE_TITLE = "every operation but health answers 401 with a bare Bearer challenge when the token is missing";
const EXPIRED = 'Bearer error="invalid_token", error_description="The token is expired"';
const BAD_SIGNATURE = 'Bearer error="invalid_token", error_description="The signature is invalid"';
/** 40 token68 characters, not JWT-shaped: only the auth-scheme rule can find it. */
const OPAQUE_TOKEN = "Zm9vYmFyYmF6cXV4-0123456789_abcdefghij.k";
const SAS_SIG = "Xk3b%2FQ9aT0pLz8w%2BYt1Rc4mN6vH2sJ7eD5fG0hI%3D";
const SAS = `SharedAccessSignature sr=https%3A%2F%2Fcontoso.service.signalr.net%2Fchat&sig=${SAS_SIG}&se=1893456000&skn=primary`;

function challengeTest(name: string, line: number, expected: string, actual: string): TestResult {
  const file = "suites/auth.yaml";
  const step: StepResult = {
    outcome: "failed",
    kind: "call",
    title: "call SignalR_Broadcast",
    position: { file, line: line + 2, column: 7 },
    durationMs: 3,
    http: { operationId: "SignalR_Broadcast", status: 401 },
    failure: `header www-authenticate is ${expected}: got ${actual}`,
    checks: [
      {
        kind: "header",
        outcome: "failed",
        title: `header www-authenticate is ${expected}`,
        expected,
        actual,
        position: { file, line: line + 4, column: 17 },
      },
    ],
    exchange: {
      request: {
        method: "POST",
        url: "/api/hubs/chat/:send?api-version=2022-06-01",
        headers: {},
      },
      response: { status: 401, headers: { "www-authenticate": actual } },
      durationMs: 3,
    },
  };
  return {
    id: `auth › ${name}`,
    suite: "auth",
    name,
    file,
    position: { file, line, column: 5 },
    tags: ["auth"],
    outcome: "failed",
    durationMs: 4,
    steps: [step],
  };
}

/** A clean mock run plus two auth failures whose whole point is the WWW-Authenticate text. */
function challengeRun(extra: TestResult[] = []): RunResult {
  const base = passingRun();
  const tests = [
    ...base.tests,
    challengeTest(BARE_TITLE, 17, "Bearer", EXPIRED),
    challengeTest("an expired token is rejected", 100, EXPIRED, BAD_SIGNATURE),
    ...extra,
  ];
  return { ...base, tests, summary: summarize(tests, 1250) };
}

/** The console reporter's output without the redacting wrapper the registry puts around it. */
async function printUnredacted(run: RunResult): Promise<string> {
  let text = "";
  const reporter = createConsoleReporter({ out: { write: (chunk: string) => (text += chunk), isTTY: false } });
  await play([reporter], run);
  return text;
}

async function play(reporters: Reporter[], run: RunResult): Promise<void> {
  const { metadata } = run;
  for (const r of reporters) await r.onRunStart?.({ metadata, testCount: run.tests.length });
  for (const test of run.tests) for (const r of reporters) await r.onTestEnd?.(test);
  for (const r of reporters) await r.onRunEnd?.(run);
}

async function writeAll(run: RunResult): Promise<{ files: Record<FileReporterName, string>; console: string }> {
  const outDir = await mkdtemp(join(tmpdir(), "hubkit-challenge-"));
  dirs.push(outDir);
  let console = "";
  const stdout = { write: (text: string) => (console += text), isTTY: false };
  const reporters = createReporters(["console", "json", "junit", "html", "md"], {
    outDir,
    secrets: [SAMPLE_ACCESS_KEY],
    stdout,
    spec,
  });
  await play(reporters, run);
  const files = {} as Record<FileReporterName, string>;
  for (const [name, rendering] of Object.entries(RENDERINGS) as Array<
    [FileReporterName, (typeof RENDERINGS)["json"]]
  >) {
    files[name] = await readFile(join(outDir, rendering.fileName), "utf8");
  }
  return { files, console };
}

describe("redaction keeps WWW-Authenticate challenges and scheme names in prose", () => {
  it("writes every rendering byte for byte as if nothing had been redacted", async () => {
    const run = challengeRun();
    const { files, console } = await writeAll(run);
    const unredacted = buildConformanceReport(run, spec);
    for (const [name, rendering] of Object.entries(RENDERINGS) as Array<
      [FileReporterName, (typeof RENDERINGS)["json"]]
    >) {
      const text = files[name];
      expect(text, name).toBe(rendering.render(unredacted));
      // The comparison means something only if the challenge texts are in the file at all.
      // (summary.md clips each problem to one line, so it is held to the fragments that fit.)
      for (const fragment of [BARE_TITLE, "invalid_token", "error_description", "The token is expired"]) {
        expect(text, `${name} lacks ${fragment}`).toContain(fragment);
      }
      expect(text, name).not.toContain("Bearer ***");
    }
    const report = JSON.parse(files.json) as ReturnType<typeof buildConformanceReport>;
    expect(report.tests.map((t) => t.id)).toContain(`auth › ${BARE_TITLE}`);
    const failed = report.tests.find((t) => t.name === "an expired token is rejected")!.steps[0]!;
    expect(failed.checks[0]).toMatchObject({ expected: EXPIRED, actual: BAD_SIGNATURE });
    expect(failed.exchange?.response?.headers).toEqual({ "www-authenticate": BAD_SIGNATURE });
    expect(console).toBe(await printUnredacted(run));
    for (const text of [`auth › ${BARE_TITLE}`, JSON.stringify(EXPIRED), JSON.stringify(BAD_SIGNATURE)]) {
      expect(console).toContain(text);
    }
  });

  it("still removes an opaque Bearer token and a SharedAccessSignature from every output", async () => {
    const leaky = challengeTest("a bad token is rejected", 200, EXPIRED, EXPIRED);
    const step = leaky.steps[0]!;
    if (step.outcome === "failed") step.failure += ` (sent Bearer ${OPAQUE_TOKEN}, then ${SAS})`;
    const run = challengeRun([leaky]);
    const { files, console } = await writeAll(run);
    const outputs: Array<[string, string]> = [...Object.entries(files), ["console", console]];
    for (const [name, text] of outputs) {
      for (const secret of [OPAQUE_TOKEN, SAS_SIG, "sig="]) {
        expect(text.includes(secret), `${name} contains ${secret}`).toBe(false);
      }
      expect(text, name).toContain("The token is expired");
    }
    const report = JSON.parse(files.json) as ReturnType<typeof buildConformanceReport>;
    const redacted = report.tests.find((t) => t.name === "a bad token is rejected")!.steps[0]!;
    expect(redacted).toHaveProperty(
      "failure",
      `header www-authenticate is ${EXPIRED}: got ${EXPIRED} (sent Bearer ***, then SharedAccessSignature ***)`,
    );
  });
});
