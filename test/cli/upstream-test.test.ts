// `hubkit upstream-test URL` separates a correct receiver from a broken one, with the usual reports.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { executeUpstreamTest } from "../../src/cli/upstream-test-action.js";
import { type Receiver, startReceiver } from "../mock/upstream/receiver.js";
import { captureIo } from "../support/capture-io.js";

const KEY = "receiver-test-key-0123456789";
let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function io() {
  const cwd = mkdtempSync(join(tmpdir(), "hubkit-upstream-test-"));
  return { ...captureIo(cwd), cwd };
}

describe("hubkit upstream-test", () => {
  it("passes a correct receiver, in both protocols, and writes the reports", async () => {
    receiver = await startReceiver({ accessKey: KEY, methods: { sendmessage: (args) => `echo ${String(args[0])}` } });
    const sink = io();
    const code = await executeUpstreamTest(`${receiver.url}/runtime/webhooks/signalr`, { accessKey: KEY }, sink.io);
    expect(sink.err()).toBe("");
    expect(sink.out()).toContain("Tests: 7 passed, 0 failed, 0 errored, 0 skipped (7 total)");
    expect(code).toBe(0);
    expect(existsSync(join(sink.cwd, "reports/upstream/conformance.json"))).toBe(true);
    // The key never reaches a report.
    expect(readFileSync(join(sink.cwd, "reports/upstream/conformance.json"), "utf8")).not.toContain(KEY);
    expect(receiver.calls.filter((c) => c.headers["content-type"] === "application/x-msgpack")).toHaveLength(1);
  });

  it("fails a broken receiver: unframed results, no signature check, 200 for everything", async () => {
    receiver = await startReceiver({
      accessKey: KEY,
      override: (call, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(call.headers["x-asrs-category"] === "messages" ? '"just the result"' : "");
        return true;
      },
    });
    const sink = io();
    const code = await executeUpstreamTest(`${receiver.url}/api`, { accessKey: KEY, reporter: ["console"] }, sink.io);
    expect(code).toBe(1);
    const out = sink.out();
    expect(out).toContain("Tests: 1 passed, 6 failed");
    expect(out).toContain("the body is one framed json Completion");
    expect(out).toContain("a wrong signature gets 401");
    expect(out).toContain("a wrong content type gets 415");
  });

  it("refuses a relative URL with exit code 2", async () => {
    const sink = io();
    expect(await executeUpstreamTest("/runtime/webhooks/signalr", {}, sink.io)).toBe(2);
    expect(sink.err()).toContain("expected an absolute URL");
  });
});
