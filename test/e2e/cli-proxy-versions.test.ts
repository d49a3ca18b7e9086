// `hubkit proxy` and the API versions: Prism validates against the newest document by default (every operation,
// the literal `:send`/`:generateToken` segments included), `--api-version` picks another, unknown ones are refused.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restAudience, signAccessToken } from "../../src/auth/index.js";
import { proxyDocument } from "../../src/cli/proxy-action.js";
import { HubkitError } from "../../src/errors.js";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { SPEC_PATHS } from "../../src/spec/index.js";
import { currentSlowdown, scaled } from "../support/slowdown.js";
import { runInProcess } from "./run-in-process.js";

const KEY = "cli-proxy-versions-key-0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "hubkit-cli-proxy-versions-"));

let mock: MockServer;
beforeAll(async () => {
  mock = await createMockServer({ port: 0, accessKeys: [KEY] });
});
afterAll(async () => {
  await mock.close();
});

async function call(base: string, method: "GET" | "POST", pathAndQuery: string): Promise<number> {
  const token = await signAccessToken({ accessKey: KEY, audience: restAudience(base, pathAndQuery) });
  const response = await request(base + pathAndQuery, { method, headers: { authorization: `Bearer ${token}` } });
  await response.body.dump();
  return response.statusCode;
}

describe("the document hubkit proxy gives Prism", () => {
  it("is the newest version's by default, else the chosen one's; an unknown version is a usage error", () => {
    expect(proxyDocument()).toMatchObject({ specPath: SPEC_PATHS["2024-12-01"] });
    expect(proxyDocument().spec.operation("HubProxyV20241201_ListConnectionsInGroup")).toBeDefined();
    const old = proxyDocument("2022-06-01");
    expect(old.specPath).toBe(SPEC_PATHS["2022-06-01"]);
    expect(old.spec.operation("HubProxyV20241201_ListConnectionsInGroup")).toBeUndefined();
    let error: unknown;
    try {
      proxyDocument("2023-07-01");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HubkitError);
    expect(error).toMatchObject({ code: "E_USAGE", message: expect.stringContaining("2023-07-01") });
    expect((error as HubkitError).hint).toContain("2022-06-01, 2024-12-01");
  });
});

describe("hubkit proxy and the API versions", () => {
  it(
    "validates SDK traffic to the newer operations, under either api-version, against the 2024-12-01 document",
    async () => {
      const outDir = join(dir, "default");
      const run = runInProcess([
        "proxy",
        "--upstream",
        mock.url,
        "--port",
        "0",
        "--out-dir",
        outDir,
        "--reporter",
        "json",
      ]);
      const [, url] = await run.waitFor(/listening on (http:\/\/\S+),/);
      expect(run.stdout()).toContain("validating against the spec (API 2024-12-01)");
      const statuses = [
        await call(url!, "GET", "/api/hubs/chat/groups/g1/connections?api-version=2024-12-01&maxPageSize=10"),
        await call(url!, "POST", "/api/hubs/chat/:generateToken?api-version=2022-06-01&userId=alice"),
        // As the Management SDK sends it: api-version 2022-06-01 on a stream operation with a literal `:send`.
        await call(url!, "POST", "/api/hubs/chat/connections/c1/streams/s1/:send?api-version=2022-06-01"),
      ];
      run.stop();
      expect(await run.exited).toBe(0);
      expect(statuses).toEqual([200, 200, 404]);
      expect(run.stdout()).toContain(
        "✓ #1 GET /api/hubs/chat/groups/g1/connections?api-version=2024-12-01&maxPageSize=10 → 200\n",
      );
      expect(run.stdout()).toContain(
        "✓ #2 POST /api/hubs/chat/:generateToken?api-version=2022-06-01&userId=alice → 200\n",
      );
      expect(run.stdout()).toContain(
        "✓ #3 POST /api/hubs/chat/connections/c1/streams/s1/:send?api-version=2022-06-01 → 404\n",
      );
      const report = JSON.parse(readFileSync(join(outDir, "conformance.json"), "utf8"));
      expect(
        report.tests.map((t: { steps: Array<{ http?: { operationId?: string } }> }) => t.steps[0]!.http?.operationId),
      ).toEqual([
        "HubProxyV20241201_ListConnectionsInGroup",
        "HubProxyV20221101_GenerateClientToken",
        "HubProxyV20241201_SendToConnectionStream",
      ]);
      // Prism takes seconds of CPU to load the document, far longer on a busy machine.
    },
    scaled(90_000, currentSlowdown()),
  );

  it("refuses an API version hubkit has no spec for before starting Prism (exit 2)", async () => {
    const run = runInProcess(["proxy", "--upstream", mock.url, "--port", "0", "--api-version", "2024-01-01"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("argument '2024-01-01' is invalid");
    expect(run.stderr()).toContain("(2022-06-01, 2024-12-01)");
  });
});
