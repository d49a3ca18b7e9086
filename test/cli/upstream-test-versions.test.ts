// `hubkit upstream-test` reports against the served API versions (the union, as `hubkit run`), not 2022-06-01 alone.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { executeUpstreamTest } from "../../src/cli/upstream-test-action.js";
import { type Receiver, startReceiver } from "../mock/upstream/receiver.js";
import { captureIo } from "../support/capture-io.js";

const KEY = "receiver-versions-key-0123456789";
let receiver: Receiver | undefined;
afterAll(async () => {
  await receiver?.close();
});

describe("hubkit upstream-test and the API versions", () => {
  it("writes a report whose coverage names the operations of every served version", async () => {
    receiver = await startReceiver({ accessKey: KEY, methods: { sendmessage: (args) => String(args[0]) } });
    const cwd = mkdtempSync(join(tmpdir(), "hubkit-upstream-versions-"));
    const sink = captureIo(cwd);
    const code = await executeUpstreamTest(
      `${receiver.url}/runtime/webhooks/signalr`,
      { accessKey: KEY, reporter: ["json"] },
      sink.io,
    );
    expect(sink.err()).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(cwd, "reports/upstream/conformance.json"), "utf8"));
    const rows: Array<{ operationId: string; apiVersions?: string[] }> = report.coverage.rows;
    expect(rows).toHaveLength(26);
    expect(rows.find((r) => r.operationId === "HubProxyV20241201_ListConnectionsInGroup")?.apiVersions).toEqual([
      "2024-12-01",
    ]);
  });
});
