// The browser bundle of @microsoft/signalr in headless Chromium invokes hub methods on the mock: answered by an HTTP
// upstream written here (which checks the signature) and by an in-process YAML handler.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockServer, DEFAULT_ACCESS_KEY, type MockServer } from "../../src/mock/index.js";
import { templateFor } from "../../src/mock/upstream/index.js";
import { type Receiver, startReceiver } from "../mock/upstream/receiver.js";

const CHROMIUM = process.env.HUBKIT_CHROMIUM ?? "/usr/bin/chromium";

async function startPageServer(): Promise<{ server: Server; url: string }> {
  const files: Record<string, [string, string]> = {
    "/": ["test/fixtures/browser/invoke.html", "text/html; charset=utf-8"],
    "/signalr.min.js": ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js", "text/javascript"],
    "/signalr-protocol-msgpack.min.js": [
      "node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js",
      "text/javascript",
    ],
  };
  const server = createServer(async (req, res) => {
    const file = files[new URL(req.url ?? "/", "http://page").pathname];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": file[1] }).end(await readFile(join(process.cwd(), file[0])));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)(
  "browser client invokes hub methods (headless Chromium)",
  () => {
    let browser: Browser;
    let mock: MockServer;
    let receiver: Receiver;
    let page: { server: Server; url: string };

    beforeAll(async () => {
      receiver = await startReceiver({
        accessKey: DEFAULT_ACCESS_KEY,
        methods: { add: (args) => (args[0] as number) + (args[1] as number) },
      });
      [browser, mock, page] = await Promise.all([
        chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-quic"] }),
        createMockServer({
          port: 0,
          upstream: {
            templates: [templateFor(`${receiver.url}/runtime/webhooks/signalr`)],
            handlers: { chat: { Echo: { result: { you: "{userId}", said: "{0}" } } } },
          },
        }),
        startPageServer(),
      ]);
    });

    afterAll(async () => {
      await browser?.close();
      await mock?.close();
      await receiver?.close();
      await new Promise((resolve) => page?.server.close(resolve));
    });

    it.each(["json", "messagepack"] as const)(
      "gets results from the HTTP upstream and a YAML handler (%s)",
      async (protocol) => {
        const tab = await browser.newPage();
        await tab.goto(`${page.url}?mock=${encodeURIComponent(mock.url)}&protocol=${protocol}&user=dana`);
        await tab.waitForFunction(() => {
          const s = (globalThis as unknown as { hubkit: { connectionId: string | null; error: string | null } }).hubkit;
          return s.connectionId !== null || s.error !== null;
        });
        const invoke = (method: string, ...args: unknown[]) =>
          tab.evaluate(
            ([m, a]) =>
              (globalThis as unknown as { invokeHub(m: string, ...a: unknown[]): Promise<unknown> }).invokeHub(m, ...a),
            [method, args] as const,
          );
        expect(await invoke("Add", 40, 2)).toEqual({ result: 42 });
        expect(await invoke("Echo", "hi")).toEqual({ result: { you: "dana", said: "hi" } });
        expect(await invoke("Missing")).toEqual({ error: "Invocation failed, status code 404" });
        const calls = receiver.calls.filter((c) => c.headers["x-asrs-event"] === "Add");
        expect(calls.at(-1)?.signatureOk).toBe(true);
        expect(calls.at(-1)?.headers["x-asrs-user-id"]).toBe("dana");
        await tab.close();
      },
    );
  },
);
