// `hubkit run --upstream-listen PORT` against a "live" service (a hubkit mock reached through its connection string,
// its upstream URL pointing at the runner's receiver): expectUpstream checks what the service really sent.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/run.js";
import { createMockServer } from "../../src/mock/index.js";
import { templateFor } from "../../src/mock/upstream/index.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("hubkit run --upstream-listen", () => {
  it("receives a live service's upstream calls and checks headers and signature", async () => {
    const port = await freePort();
    const service = await createMockServer({
      port: 0,
      accessKeys: ["live-service-key-0123456789abcdef"],
      upstream: { templates: [templateFor(`http://127.0.0.1:${port}/runtime/webhooks/signalr`)] },
    });
    try {
      const dir = mkdtempSync(join(tmpdir(), "hubkit-upstream-listen-"));
      writeFileSync(
        join(dir, "live.yaml"),
        [
          "name: live upstream",
          "tests:",
          "  - name: connected, an invocation and a send reach the runner's receiver",
          "    steps:",
          "      - connect: alice",
          "        hub: chat",
          "        user: alice",
          "      - expectUpstream: connected",
          "        client: alice",
          "        headers: { X-ASRS-User-Id: alice, X-ASRS-Hub: chat }",
          "        body: { type: 10 }",
          "      - invoke: alice",
          "        method: Ping",
          "      - send: alice",
          "        method: SendMessage",
          "        arguments: [hi]",
          "      - expectUpstream: SendMessage",
          "        client: alice",
          "        body: { type: 1, target: SendMessage, arguments: [hi] }",
        ].join("\n"),
      );
      let out = "";
      let err = "";
      const code = await runCommand(
        [
          "live.yaml",
          "--connection-string",
          service.connectionString,
          "--upstream-listen",
          String(port),
          "--reporter",
          "console",
        ],
        {
          stdout: (t) => {
            out += t;
          },
          stderr: (t) => {
            err += t;
          },
          env: {},
          cwd: dir,
        },
      );
      expect(err).toBe("");
      expect(out).toContain("Tests: 1 passed, 0 failed");
      expect(code).toBe(0);
    } finally {
      await service.close();
    }
  });
});
