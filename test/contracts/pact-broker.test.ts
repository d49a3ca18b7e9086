// `hubkit verify` with a Pact Broker: a local node:http server serves the broker's HAL resources (index,
// pacts-for-verification, the pact, verification results); no network.
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { ROOT } from "../e2e/run-bin.js";

const PACT = JSON.parse(readFileSync(join(ROOT, "contracts/example-notifier.json"), "utf8"));
const TOKEN = "broker-secret-token-123";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

let server: Server;
let base = "";
const seen: Seen[] = [];

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (chunk) => {
      text += chunk;
    });
    req.on("end", () => resolve(text ? JSON.parse(text) : undefined));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readJson(req);
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
    const auth = req.headers.authorization;
    const basic = `Basic ${Buffer.from("ci:pw").toString("base64")}`;
    if (auth !== `Bearer ${TOKEN}` && auth !== basic) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":"unauthorized"}');
      return;
    }
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { "content-type": "application/hal+json" }).end(JSON.stringify(value));
    if (req.method === "GET" && req.url === "/") {
      return json(200, {
        _links: {
          "pb:provider-pacts-for-verification": {
            href: `${base}/pacts/provider/{provider}/for-verification`,
            templated: true,
          },
        },
      });
    }
    if (req.method === "POST" && req.url === "/pacts/provider/azure-signalr-rest/for-verification") {
      return json(200, {
        _embedded: {
          pacts: [{ shortDescription: "latest from main", _links: { self: { href: `${base}/pacts/notifier/1` } } }],
        },
      });
    }
    if (req.method === "GET" && req.url === "/pacts/notifier/1") {
      return json(200, {
        ...PACT,
        _links: { "pb:publish-verification-results": { href: `${base}/pacts/notifier/1/verification-results` } },
      });
    }
    if (req.method === "POST" && req.url === "/pacts/notifier/1/verification-results") return json(201, {});
    json(404, { error: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  server.close();
});

function sink(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const cwd = mkdtempSync(join(tmpdir(), "hubkit-broker-"));
  return {
    out,
    cwd,
    io: {
      stdout: (t: string) => {
        out.stdout += t;
      },
      stderr: (t: string) => {
        out.stderr += t;
      },
      env,
      cwd,
    },
  };
}

describe("hubkit verify --broker-url", () => {
  it("verifies the broker's pacts against the mock and publishes the results; the token stays secret", async () => {
    seen.length = 0;
    const { out, io, cwd } = sink();
    const selectors = '[{"mainBranch":true},{"deployedOrReleased":true}]';
    const args = ["verify", "--broker-url", base, "--broker-token", TOKEN, "--consumer-version-selectors", selectors];
    args.push("--provider-version", "abc123", "--publish", "--reporter", "json");
    const code = await runCli(args, io);
    expect(out.stderr).toBe("");
    expect(code).toBe(0);
    expect(out.stdout).toContain(`Read 1 pact(s) from the Pact Broker at ${base}`);
    expect(out.stdout).toContain("9 passed, 0 failed");
    expect(out.stdout).toContain("Published 1 verification result(s) for provider version abc123");
    const selection = seen.find((s) => s.url.endsWith("/for-verification"));
    expect(selection?.body).toMatchObject({
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    });
    const published = seen.find((s) => s.url.endsWith("/verification-results"));
    expect(published?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(published?.body).toMatchObject({
      success: true,
      providerApplicationVersion: "abc123",
      verifiedBy: { implementation: "signalr-hubkit" },
    });
    const report = readFileSync(join(cwd, "reports/conformance.json"), "utf8");
    expect(report).toContain("--broker-token ***");
    expect(report).not.toContain(TOKEN);
    expect(out.stdout).not.toContain(TOKEN);
  }, 120_000);

  it("reads the broker and basic auth from PACT_BROKER_* variables (here with --static, no provider)", async () => {
    seen.length = 0;
    const env = { PACT_BROKER_BASE_URL: base, PACT_BROKER_USERNAME: "ci", PACT_BROKER_PASSWORD: "pw" };
    const { out, io } = sink(env);
    expect(await runCli(["verify", "--static", "--no-report"], io)).toBe(0);
    expect(out.stdout).toContain("Read 1 pact(s) from the Pact Broker");
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from("ci:pw").toString("base64")}`);
    expect(seen.some((s) => s.url.endsWith("/verification-results"))).toBe(false);
  });

  it("exits 2 naming the credentials when the broker refuses them", async () => {
    const { out, io } = sink();
    expect(await runCli(["verify", "--broker-url", base, "--broker-token", "wrong", "--no-report"], io)).toBe(2);
    expect(out.stderr).toContain("answered GET");
    expect(out.stderr).toContain("with 401");
    expect(out.stderr).toContain("--broker-token");
    expect(out.stderr).not.toContain("wrong");
  });

  it("exits 2 with the cause when the broker does not answer", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { out, io } = sink();
    expect(await runCli(["verify", "--broker-url", `http://127.0.0.1:${port}`, "--no-report"], io)).toBe(2);
    expect(out.stderr).toContain(`Cannot reach the Pact Broker at http://127.0.0.1:${port} (ECONNREFUSED)`);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for --publish without --provider-version, bad selectors, and paths with a broker", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--broker-url", base, "--publish"], /--publish needs --provider-version/],
      [["--broker-url", base, "--consumer-version-selectors", "{nope"], /expected JSON/],
      [["--broker-url", base, "contracts/"], /not both/],
      [["--publish", "--provider-version", "1"], /need a Pact Broker/],
    ];
    for (const [args, message] of cases) {
      const { out, io } = sink();
      expect(await runCli(["verify", ...args, "--no-report"], io)).toBe(2);
      expect(out.stderr).toMatch(message);
    }
  });
});
