// `npm run mutants`: each mutant applied to a temporary copy of the mock, started as its own process and run against
// as a live target with the suites; prints killed/survived per mutant and the score. Not part of `npm test`.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MUTANTS, type Mutant } from "./mutants.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");
/** `hubkit` from src/ through tsx (bin/hubkit.js runs dist/, which a mutant's copy of src/ does not change). */
const ENTRY = "bench/mutants/hubkit.ts";
const PRIMARY = "mutants-primary-key-0123456789abcdefghijk";
const SECONDARY = "mutants-secondary-key-0123456789abcdefghi";
/** A suite run that takes longer than this counts as an error (a hung mutant), not a survivor. */
const RUN_LIMIT_MS = 300_000;
const PARALLEL = Number(process.env.MUTANTS_PARALLEL ?? 2);

type Verdict = "killed" | "survived" | "error";

interface Outcome {
  mutant: string;
  verdict: Verdict;
  detail: string;
  seconds: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A copy of what the mock needs (src, spec, mocks, package.json, the tsx entry) with the mutant applied;
 * node_modules linked.
 */
function copyWith(mutant: Mutant | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "hubkit-mutant-"));
  for (const part of ["src", "spec", "mocks", "package.json", "tsconfig.json", ENTRY]) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  symlinkSync(realpathSync(join(ROOT, "node_modules")), join(dir, "node_modules"));
  if (mutant) {
    const file = join(dir, mutant.file);
    const text = readFileSync(file, "utf8");
    if (!text.includes(mutant.find))
      throw new Error(`pattern not found in ${mutant.file}: ${mutant.find.slice(0, 60)}`);
    writeFileSync(file, text.split(mutant.find).join(mutant.replace));
  }
  return dir;
}

function start(args: string[], cwd: string): ChildProcess {
  // Own process group, so stopping it stops tsx's child too.
  return spawn(process.execPath, [TSX, ...args], { cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
}

function stop(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

async function waitHealthy(port: number, mock: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (mock.exitCode !== null) throw new Error(`the mutated mock exited with ${mock.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health?api-version=2022-06-01`, { method: "HEAD" }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the mutated mock did not answer /api/health within 60 s");
}

function runSuites(port: number, outDir: string): Promise<{ code: number | null; output: string }> {
  const connection = `Endpoint=http://localhost;Port=${port};AccessKey=${PRIMARY};Version=1.0;`;
  const args = [ENTRY, "run", "suites", "--connection-string", connection];
  args.push("--secondary-access-key", SECONDARY, "--concurrency", "4", "--bail", "--reporter", "console");
  args.push("--out-dir", outDir);
  const child = start(args, ROOT);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => stop(child), RUN_LIMIT_MS);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

async function evaluate(mutant: Mutant | undefined): Promise<Outcome> {
  const name = mutant?.name ?? "(no mutant)";
  const started = Date.now();
  let dir: string | undefined;
  let mock: ChildProcess | undefined;
  try {
    dir = copyWith(mutant);
    const port = await freePort();
    mock = start(
      [ENTRY, "mock", "--port", String(port), "--access-key", PRIMARY, "--access-key", SECONDARY, "--quiet"],
      dir,
    );
    await waitHealthy(port, mock);
    const { code, output } = await runSuites(port, join(dir, "reports"));
    const failed = /^\s+[✗!] (.*)$/m.exec(output)?.[1] ?? "";
    const verdict: Verdict = code === 0 ? "survived" : code === 1 ? "killed" : "error";
    const detail = verdict === "killed" ? `by ${failed}` : verdict === "error" ? `exit ${code}` : "";
    return { mutant: name, verdict, detail, seconds: Math.round((Date.now() - started) / 1000) };
  } catch (error) {
    return {
      mutant: name,
      verdict: "error",
      detail: (error as Error).message,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    if (mock) stop(mock);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const selected = only ? MUTANTS.filter((m) => m.name.includes(only)) : MUTANTS;
  console.log(`hubkit mutants: a baseline run, then ${selected.length} mutant(s), ${PARALLEL} at a time`);
  const baseline = await evaluate(undefined);
  console.log(
    `baseline: ${baseline.verdict === "survived" ? "green" : `NOT green (${baseline.detail})`} (${baseline.seconds} s)`,
  );
  if (baseline.verdict !== "survived") {
    process.exitCode = 2;
    return;
  }
  const outcomes: Outcome[] = [];
  const queue = [...selected];
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const outcome = await evaluate(m);
      outcomes.push(outcome);
      console.log(`${outcome.verdict.padEnd(8)} ${outcome.mutant} (${outcome.seconds} s) ${outcome.detail}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const killed = outcomes.filter((o) => o.verdict === "killed").length;
  const errors = outcomes.filter((o) => o.verdict === "error").length;
  console.log(
    `\nscore: ${killed} of ${outcomes.length} killed (${Math.round((killed / outcomes.length) * 100)}%), ${errors} error(s)`,
  );
  for (const o of outcomes.filter((x) => x.verdict !== "killed"))
    console.log(`  ${o.verdict}: ${o.mutant} ${o.detail}`);
  process.exitCode = killed === outcomes.length ? 0 : 1;
}

await main();
