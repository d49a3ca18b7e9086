// The package as a user meets it: `npm pack`, `npm install <tarball>` into an empty project, then the CLI (npx
// hubkit --version, init, run with the bundled suites, mock + one REST call) and the typed programmatic API.
// Runs in `npm run test:package` (CI runs it after `npm test`), not in `npm test`: see vitest.config.ts.
// Slow by nature (a real npm install), so the work is done once: one `npm pack`, one offline install without
// scripts, audit or funding lookups; the steps that do not change the project run side by side. Waits on process
// events only.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../e2e/run-bin.js";

const exec = promisify(execFile);
const INSTALL_TIMEOUT = 600_000;
/** Each step starts Node processes through npx; a loaded 2-core machine needs minutes, not seconds. */
const STEP_TIMEOUT = 300_000;
const work = mkdtempSync(join(tmpdir(), "hubkit-packed-"));
const project = join(work, "project");
const children: ChildProcess[] = [];

/** Without the npm_* variables of an outer `npm test` (they would point npm at hubkit's own package). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, PACT_DO_NOT_TRACK: "true", NO_COLOR: "1" };
}

async function sh(command: string, args: string[], cwd = project) {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  // dist/ is fresh (globalSetup); --ignore-scripts keeps prepack from deleting it under tests running in parallel.
  const packed = await sh("npm", ["pack", "--ignore-scripts", "--pack-destination", work], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  expect(tarball).toMatch(/^signalr-hubkit-\d+\.\d+\.\d+\.tgz$/);
  await sh("mkdir", ["-p", project], work);
  expect((await sh("npm", ["init", "-y"])).code).toBe(0);
  // Dependencies come from npm's cache (the repository's own install filled it); the package has no install scripts
  // of its own, and its dependencies' (none needed at run time) only cost time.
  const installed = await sh("npm", [
    "install",
    join(work, tarball!),
    "--prefer-offline",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    "--no-package-lock",
  ]);
  expect(installed.code, installed.stderr).toBe(0);
}, INSTALL_TIMEOUT);

afterAll(async () => {
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // the group has already exited
    }
  }
  // A whole node_modules tree: slow to delete on a busy machine.
  await rm(work, { recursive: true, force: true });
}, INSTALL_TIMEOUT);

describe("the packed signalr-hubkit tarball in a fresh project", () => {
  it("ships dist, spec, suites and mocks, and no tests, bench or CI files", () => {
    const pkg = join(project, "node_modules/signalr-hubkit");
    for (const path of ["dist/api/index.js", "dist/api/index.d.ts", "dist/cli/main.js", "spec/suite.schema.json"]) {
      expect(existsSync(join(pkg, path)), path).toBe(true);
    }
    expect(existsSync(join(pkg, "suites/health.yaml"))).toBe(true);
    expect(existsSync(join(pkg, "LICENSE"))).toBe(true);
    for (const path of ["test", "bench", ".ci", "src", "examples", "tsconfig.json", "dist/.tsbuildinfo"]) {
      expect(existsSync(join(pkg, path)), path).toBe(false);
    }
  });

  it(
    "npx hubkit run runs the bundled suites (no suites/ here) and they all pass",
    async () => {
      // The `slow` test waits out a 15 s keep-alive interval: test/e2e/conformance-suites.test.ts runs it from
      // source; here what matters is that the packed suites are found, load and pass.
      const result = await sh("npx", [
        "hubkit",
        "run",
        "--skip-tag",
        "slow",
        "--concurrency",
        "2",
        "--reporter",
        "console,json",
      ]);
      // Only the progress lines a slow load prints (more than a second on a loaded machine), nothing else.
      expect(result.stderr.replace(/^hubkit: loading suite .*\n/gm, "")).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout.split("\n")[0]).toContain("running hubkit's bundled conformance suites");
      const summary = /Tests: (\d+) passed, 0 failed, 0 errored, (\d+) skipped/.exec(result.stdout);
      expect(summary, result.stdout.slice(-400)).not.toBeNull();
      // Every bundled suite file ran: far more than one suite's worth, and only the `slow` test skipped.
      expect(Number(summary![1])).toBeGreaterThan(100);
      expect(Number(summary![2])).toBe(1);
      expect(existsSync(join(project, "reports/conformance.json"))).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    "npx hubkit init scaffolds, refuses a second time, and its example suite passes",
    async () => {
      const init = await sh("npx", ["hubkit", "init"]);
      expect(init.code).toBe(0);
      expect(init.stdout).toContain("wrote suites/example.yaml");
      expect(existsSync(join(project, "node_modules/signalr-hubkit/spec/suite.schema.json"))).toBe(true);
      const again = await sh("npx", ["hubkit", "init"]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("would overwrite");
      const run = await sh("npx", ["hubkit", "run", "--reporter", "console"]);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain("example › a user receives what is sent to them");
    },
    STEP_TIMEOUT,
  );

  // These leave the project as they found it (or write only their own folder): they run side by side.
  describe.concurrent("commands that leave the project as it is", () => {
    it("npx hubkit --version prints the package version", async ({ expect }) => {
      const result = await sh("npx", ["hubkit", "--version"]);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    });

    it(
      "npx hubkit verify checks a consumer's pact against the mock (the Pact verifier runs from dist/)",
      async ({ expect }) => {
        mkdirSync(join(project, "contracts"), { recursive: true });
        copyFileSync(join(ROOT, "contracts/example-notifier.json"), join(project, "contracts/example-notifier.json"));
        const result = await sh("npx", ["hubkit", "verify", "--no-report"]);
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/\d+ passed, 0 failed, 0 errored/);
      },
      STEP_TIMEOUT,
    );

    it(
      "npx hubkit mock --port 0 answers a REST call",
      async ({ expect }) => {
        const child = spawn("npx", ["hubkit", "mock", "--port", "0", "--quiet"], {
          cwd: project,
          env: cleanEnv(),
          detached: true, // npx leaves its node child running when killed alone: stop the whole group
          stdio: ["ignore", "pipe", "pipe"],
        });
        children.push(child);
        const url = await new Promise<string>((resolve, reject) => {
          let out = "";
          child.stdout!.on("data", (chunk) => {
            out += chunk;
            const found = /listening on (http:\/\/\S+)/.exec(out);
            if (found) resolve(found[1]!);
          });
          child.on("exit", (code) => reject(new Error(`hubkit mock exited (${code}) before listening: ${out}`)));
        });
        const response = await fetch(`${url}/api/health?api-version=2022-06-01`, { method: "HEAD" });
        expect(response.status).toBe(200);
        const exited = new Promise((resolve) => child.once("exit", resolve));
        process.kill(-child.pid!, "SIGTERM");
        await exited;
      },
      STEP_TIMEOUT,
    );

    it(
      "a TypeScript file importing startMock from signalr-hubkit type-checks with tsc and runs",
      async ({ expect }) => {
        // Its own folder (a package.json saying `type: module`), so the steps running beside it see the project as
        // npm init left it; "signalr-hubkit" still resolves from the project's node_modules above.
        const typed = join(project, "typed");
        mkdirSync(typed);
        writeFileSync(
          join(typed, "tsconfig.json"),
          JSON.stringify({
            compilerOptions: {
              target: "ES2022",
              lib: ["ES2023", "DOM"],
              module: "NodeNext",
              moduleResolution: "NodeNext",
              strict: true,
              skipLibCheck: true,
              outDir: "out",
              types: [],
            },
            include: ["check.ts"],
          }),
        );
        writeFileSync(join(typed, "package.json"), JSON.stringify({ name: "typed", private: true, type: "module" }));
        writeFileSync(
          join(typed, "check.ts"),
          `import { HubkitError, type RunningMock, startMock } from "signalr-hubkit";

  const mock: RunningMock = await startMock({ port: 0, quiet: true });
  const response = await fetch(\`\${mock.url}/api/health?api-version=2022-06-01\`, { method: "HEAD" });
  // @ts-expect-error port is a number: proves the declarations are real types, not any
  const wrong: Parameters<typeof startMock>[0] = { port: "8888" };
  void wrong;
  let internal = "";
  const hidden = "signalr-hubkit/dist/cli/main.js";
  try {
    await import(hidden);
  } catch (error) {
    internal = (error as { code?: string }).code ?? String(error);
  }
  const taken = await startMock({ port: mock.port }).catch((error: unknown) => error);
  console.log(JSON.stringify({
    status: response.status,
    client: mock.clientUrl("chat", "alice"),
    hubs: mock.admin.state().hubs.length,
    internal,
    taken: taken instanceof HubkitError ? taken.code : String(taken),
  }));
  await mock.close();
  `,
        );
        const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
        // One tsc run type-checks and emits: any type error is printed and fails it (noEmitOnError is not needed,
        // the output is only run after a clean check).
        const checked = await sh(process.execPath, [tsc, "-p", "tsconfig.json"], typed);
        expect(checked.stdout + checked.stderr).toBe("");
        expect(checked.code).toBe(0);
        const ran = await sh(process.execPath, ["out/check.js"], typed);
        expect(ran.stderr).toBe("");
        const result = JSON.parse(ran.stdout);
        expect(result).toMatchObject({
          status: 200,
          hubs: 0,
          internal: "ERR_PACKAGE_PATH_NOT_EXPORTED",
          taken: "E_PORT_IN_USE",
        });
        expect(result.client).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_hubkit\/hubs\/chat\?userId=alice$/);
      },
      STEP_TIMEOUT,
    );
  });
});
