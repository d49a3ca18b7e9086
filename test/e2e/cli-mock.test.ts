// `hubkit mock` driven as a user drives it: read the printed endpoint, call it, stop it. One case spawns
// bin/hubkit.js and signals it; the others run the same CLI in process (runCli), which is seconds faster each.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { parseConnectionString, restAudience, signAccessToken } from "../../src/auth/index.js";
import { runInProcess } from "./run-in-process.js";

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** The one spawned run: the real binary, real signals. */
function spawned(args: string[]): Run {
  const child = spawn(process.execPath, ["bin/hubkit.js", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let out = "";
  let err = "";
  const watchers: Array<() => void> = [];
  child.stdout!.on("data", (d) => {
    out += d;
    for (const watch of [...watchers]) watch();
  });
  child.stderr!.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const found = pattern.exec(out);
        if (found) resolve(found);
      };
      watchers.push(check);
      check();
      exited.then((code) => reject(new Error(`hubkit mock exited (${code}) before ${pattern}: ${out}${err}`)));
    });
  return { child, stdout: () => out, stderr: () => err, exited, waitFor };
}

const hubkit = (args: string[]) => runInProcess(args);

/** Waits for the banner and returns the connection string it printed. */
async function started(run: { waitFor: (p: RegExp) => Promise<RegExpExecArray> }) {
  const url = (await run.waitFor(/listening on (http:\/\/\S+)/))[1]!;
  const connectionString = (await run.waitFor(/connection string: (\S+)/))[1]!;
  return { url, connectionString };
}

/** Calls the mock exactly as an app with the printed connection string would (self-signed JWT, SDK audience). */
async function call(connectionString: string, method: string, pathAndQuery: string, body?: string) {
  const { endpoint, accessKey } = parseConnectionString(connectionString);
  const token = await signAccessToken({ accessKey, audience: restAudience(endpoint, pathAndQuery) });
  const res = await request(`${endpoint}${pathAndQuery}`, {
    method: method as "GET",
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, code: res.headers["x-ms-error-code"], text };
}

const V = "api-version=2022-06-01";

describe("hubkit mock", () => {
  it("starts on a free port, prints its connection string, serves REST calls and stops on SIGTERM with 0", async () => {
    const run = spawned(["mock", "--port", "0", "--access-key", "somekey", "--access-key", "otherkey"]);
    const { url, connectionString: printed } = await started(run);
    const port = Number(new URL(url).port);
    expect(port).toBeGreaterThan(0);
    // A user's own key stays out of stdout (CI logs); the banner says where it came from instead.
    expect(printed).toBe(`Endpoint=http://localhost;Port=${port};AccessKey=***;Version=1.0;`);
    expect(run.stdout()).toContain("AccessKey is the first --access-key (not printed, to keep it out of logs)");
    const connectionString = printed.replace("***", "somekey");

    expect(
      (await call(connectionString, "POST", `/api/hubs/chat/:send?${V}`, '{"target":"t","arguments":[]}')).status,
    ).toBe(202);
    expect(await call(connectionString, "HEAD", `/api/hubs/chat/users/nobody?${V}`)).toMatchObject({
      status: 404,
      code: "Warning.User.NotExisted",
    });
    expect((await call(connectionString, "PUT", `/api/hubs/chat/users/u1/groups/g1?${V}&ttl=60`)).status).toBe(200);
    expect((await call(connectionString, "GET", `/api/hubs/chat/users/u1/groups/g1?${V}`)).status).toBe(200);
    expect(
      (await call(connectionString.replace("somekey", "otherkey"), "DELETE", `/api/hubs/chat/users/u1/groups?${V}`))
        .status,
    ).toBe(204);
    const wrongKey = await call(
      connectionString.replace("somekey", "not-a-key"),
      "HEAD",
      `/api/hubs/chat/users/u1?${V}`,
    );
    expect(wrongKey.status).toBe(401);

    // One log line per request, and no token in any of them.
    await expect.poll(() => run.stdout().match(/ \/api\/hubs\//g)?.length ?? 0).toBe(6);
    expect(run.stdout()).toMatch(/POST \/api\/hubs\/chat\/:send\?api-version=2022-06-01 202 \d+\.\dms/);
    expect(run.stdout()).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
    expect(run.stdout()).not.toMatch(/somekey|otherkey/);

    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toContain("SIGTERM received, stopping the mock");
  });

  it("--state seeds the mock; --quiet logs no requests; the emulator's public key is printed in full", async () => {
    const run = hubkit(["mock", "--port", "0", "--state", "mocks/chat-room.yaml", "--quiet", "--keep-alive", "2.5"]);
    const { connectionString } = await started(run);
    expect(connectionString).toContain(";AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;");
    expect(run.stdout()).toContain("state: mocks/chat-room.yaml (2 hub(s), 5 connection(s), 2 user-group pair(s))");
    expect((await call(connectionString, "HEAD", `/api/hubs/chat/users/alice?${V}`)).status).toBe(200);
    expect(
      (await call(connectionString, "HEAD", `/api/hubs/notifications/connections/dashboard-1?${V}&application=contoso`))
        .status,
    ).toBe(200);
    expect(run.stdout()).not.toContain("/api/hubs/");
    run.stop("SIGINT");
    expect(await run.exited).toBe(0);
  });

  it("an access key from the state file is hidden too, and the banner names the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-cli-"));
    const file = join(dir, "keys.yaml");
    writeFileSync(file, "server:\n  accessKeys: [state-file-secret]\n");
    const run = hubkit(["mock", "--port", "0", "--state", file, "--quiet"]);
    const { connectionString } = await started(run);
    expect(connectionString).toMatch(/;AccessKey=\*\*\*;/);
    expect(run.stdout()).toContain(`AccessKey is the first of server.accessKeys in ${file} (not printed`);
    expect(run.stdout()).not.toContain("state-file-secret");
    expect(
      (await call(connectionString.replace("***", "state-file-secret"), "HEAD", `/api/hubs/chat/users/x?${V}`)).status,
    ).toBe(404);
    run.stop("SIGTERM");
    expect(await run.exited).toBe(0);
  });

  it.each([
    [["mock", "--port", "abc"], /--port <port>' argument 'abc' is invalid/],
    [["mock", "--port", "70000"], /expected a port from 0 to 65535/],
    [["mock", "--keep-alive", "0"], /expected 1 to 15 seconds, found '0'/],
    [["mock", "--keep-alive", "0.5"], /expected 1 to 15 seconds, found '0.5'/],
    [["mock", "--keep-alive", "30"], /expected 1 to 15 seconds, found '30'. @microsoft\/signalr clients disconnect/],
    [["mock", "--keep-alive", "15.01"], /expected 1 to 15 seconds/],
    [["mock", "--keep-alive", ""], /expected 1 to 15 seconds/],
    [["mock", "--access-key", ""], /must not be empty/],
    [["mock", "--no-such-flag"], /unknown option '--no-such-flag'/],
    [["nonsense"], /unknown command 'nonsense'/],
    [
      ["mock", "--port", "0", "--faults-profile", "free-teir"],
      /Unknown fault profile .free-teir.; did you mean .free-tier./,
    ],
  ])("bad flags %j exit with 2 and say why", async (args, message) => {
    const run = hubkit(args);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(message);
  });

  it.each([
    [["--state", "mocks/chat-room.yaml"], "--state"],
    [["--access-key", "k"], "--access-key"],
    [["--api-version", "2022-06-01"], "--api-version"],
    [["--quiet"], "--quiet"],
    [["--no-dev-negotiate"], "--no-dev-negotiate"],
    [["--keep-alive", "5"], "--keep-alive"],
    [["-q", "--keep-alive", "5"], "--quiet, --keep-alive"],
  ])("--engine prism refuses %j with exit 2, naming the flag", async (flags, named) => {
    const run = hubkit(["mock", "--engine", "prism", "--port", "0", ...flags]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`--engine prism does not support ${named}: Prism serves the spec statelessly.`);
    expect(run.stdout()).not.toContain("listening");
  });

  it("a bad state file exits with 2 and points at file:line:col", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-cli-"));
    const file = join(dir, "state.yaml");
    writeFileSync(file, "hubs:\n  chat:\n    connections:\n      - id: c1\n        grups: [a]\n");
    const run = hubkit(["mock", "--port", "0", "--state", file]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(
      `${file}:5:9: hubs.chat.connections[0].grups: unknown key "grups" [E_FIXTURE_INVALID]`,
    );
    expect(run.stderr()).toContain("hint: Did you mean `groups`?");
  });

  it("a missing state file exits with 2", async () => {
    const run = hubkit(["mock", "--port", "0", "--state", "mocks/missing.yaml"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("State file mocks/missing.yaml does not exist. [E_FIXTURE_FILE]");
  });

  it("a port in use exits with 2 and a clear message", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = hubkit(["mock", "--port", String(port)]);
      expect(await run.exited).toBe(2);
      expect(run.stderr()).toContain(`Port ${port} is already in use on 127.0.0.1. [E_PORT_IN_USE]`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("--version prints package.json's version and --help describes the mock", async () => {
    const version = hubkit(["--version"]);
    expect(await version.exited).toBe(0);
    expect(version.stdout().trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = hubkit(["mock", "--help"]);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain("--access-key <key>");
    expect(help.stdout()).toContain("--state <file>");
  });

  it("--help shows each default once, unquoted (mock and report)", async () => {
    const mock = hubkit(["mock", "--help"]);
    expect(await mock.exited).toBe(0);
    const mockHelp = mock.stdout().replace(/\s+/g, " ");
    expect(mockHelp).toContain("(default: the emulator's key)");
    expect(mockHelp).toContain("(default: stateful)");
    expect(mockHelp).toContain("1 to 15 (fractions allowed; default: 15)");
    expect(mockHelp).not.toContain("(default: [])");
    expect(mockHelp).not.toMatch(/\(default: "/);
    const report = hubkit(["report", "--help"]);
    expect(await report.exited).toBe(0);
    const reportHelp = report.stdout().replace(/\s+/g, " ");
    expect(reportHelp).toContain("pass rate of the tests that ran (default: 100)");
    expect(reportHelp).not.toMatch(/\(default: "/);
  });
});

describe("hubkit mock dashboard", () => {
  it("prints the dashboard URL and serves it; --no-dashboard turns it off; a non-loopback bind says to sign in", async () => {
    const [plain, off, exposed] = [
      hubkit(["mock", "--port", "0", "--quiet"]),
      hubkit(["mock", "--port", "0", "--quiet", "--no-dashboard"]),
      hubkit(["mock", "--port", "0", "--quiet", "--host", "0.0.0.0", "--allow-default-key-on-network"]),
    ];
    const [a, b] = await Promise.all([started(plain), started(off), started(exposed)]);
    const dashboard = /dashboard: (http:\/\/\S+)/.exec(plain.stdout())?.[1];
    expect(dashboard).toBe(`${a!.url}/_hubkit/`);
    expect(plain.stdout()).not.toContain("sign in");
    const page = await request(dashboard!);
    expect(page.statusCode).toBe(200);
    expect(await page.body.text()).toContain("hubkit mock dashboard");
    expect(off.stdout()).not.toContain("dashboard:");
    const gone = await request(`${b!.url}/_hubkit/`);
    expect(gone.statusCode).toBe(404);
    await gone.body.dump();
    expect(exposed.stdout()).toMatch(
      /dashboard: http:\/\/\S+\/_hubkit\/ \(listening beyond loopback: sign in with an access key\)/,
    );
    for (const run of [plain, off, exposed]) run.stop();
    await Promise.all([plain.exited, off.exited, exposed.exited]);
  }, 120_000);
});

describe("hubkit mock on a network address", () => {
  it("refuses the published key on 0.0.0.0 with a usage error, unless --allow-default-key-on-network", async () => {
    const refused = hubkit(["mock", "--host", "0.0.0.0", "--port", "0"]);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain("published access key");
    expect(refused.stderr()).toContain("--allow-default-key-on-network");
    const allowed = hubkit(["mock", "--host", "0.0.0.0", "--port", "0", "--allow-default-key-on-network", "-q"]);
    const { url } = await started(allowed);
    expect(allowed.stdout()).toMatch(/bound to 0\.0\.0\.0:\d+: reachable from the network/);
    const dev = await request(`${url}/_hubkit/hubs/chat/negotiate`, { method: "POST" });
    expect(dev.statusCode).toBe(404);
    expect(await dev.body.text()).toContain("--dev-negotiate");
    allowed.stop();
    expect(await allowed.exited).toBe(0);
  });

  it("--allowed-host names pass the Host check; others get a 400", async () => {
    const run = hubkit(["mock", "--port", "0", "--allowed-host", "mock.test", "-q"]);
    const { url } = await started(run);
    const port = new URL(url).port;
    const { request: raw } = await import("node:http");
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = raw({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/_hubkit/hubs/chat/negotiate",
          headers: { host },
        });
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    expect(await status(`mock.test:${port}`)).toBe(200);
    expect(await status("rebind.example")).toBe(400);
    run.stop();
    await run.exited;
  });
});
