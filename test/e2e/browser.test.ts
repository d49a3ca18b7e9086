// The browser bundle of @microsoft/signalr in headless Chromium, on another origin, connected to the mock without an app server.
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMockServer, DEFAULT_ACCESS_KEY, type MockServer } from "../../src/mock/index.js";
import { restClient } from "../mock/client/rest.js";

const CHROMIUM = process.env.HUBKIT_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");

/** The page and the SignalR browser bundles, served from their own origin so CORS is exercised. */
async function startPageServer(): Promise<{ server: Server; url: string }> {
  const files: Record<string, [string, string]> = {
    "/": ["test/fixtures/browser/index.html", "text/html; charset=utf-8"],
    "/signalr.min.js": ["node_modules/@microsoft/signalr/dist/browser/signalr.min.js", "text/javascript"],
    "/signalr-protocol-msgpack.min.js": [
      "node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js",
      "text/javascript",
    ],
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://page").pathname;
    if (path === "/favicon.ico") return void res.writeHead(204).end();
    const file = files[path];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": file[1] }).end(await readFile(join(process.cwd(), file[0])));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // `localhost` here and `127.0.0.1` for the mock: two origins, as with a Vite dev server and the mock.
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/` };
}

// Skipped where Chromium is missing, except in CI, where a missing browser must fail rather than pass silently.
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)(
  `browser client in headless Chromium (${CHROMIUM}; set HUBKIT_CHROMIUM to use another)`,
  () => {
    let browser: Browser;
    let mock: MockServer;
    let page: { server: Server; url: string };
    const log: string[] = [];

    beforeAll(async () => {
      [browser, mock, page] = await Promise.all([
        chromium.launch({
          executablePath: CHROMIUM,
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
        }),
        createMockServer({ port: 0, log: (line) => log.push(line) }),
        startPageServer(),
      ]);
      await mkdir(ARTIFACTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await mock?.close();
      await new Promise((resolve) => page?.server.close(resolve));
    });

    const cases = [
      { transport: "WebSockets", protocol: "json" },
      { transport: "ServerSentEvents", protocol: "json" },
      { transport: "LongPolling", protocol: "messagepack" },
    ] as const;

    it.each(cases)("a REST broadcast reaches the page over $transport ($protocol)", async ({ transport, protocol }) => {
      const tab = await browser.newPage({ viewport: { width: 900, height: 320 } });
      const problems: string[] = [];
      tab.on("pageerror", (e) => problems.push(e.message));
      tab.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      const user = `browser-${transport}`;
      await tab.goto(
        `${page.url}?mock=${encodeURIComponent(mock.url)}&transport=${transport}&protocol=${protocol}&user=${user}`,
      );
      await tab.waitForFunction(() => {
        const state = (globalThis as unknown as { hubkit: { connectionId: string | null; error: string | null } })
          .hubkit;
        return state.connectionId !== null || state.error !== null;
      });
      const state = () =>
        tab.evaluate(
          () =>
            (globalThis as unknown as { hubkit: { connectionId: string; error: string | null; received: unknown[] } })
              .hubkit,
        );
      const connected = await state();
      expect(connected.error).toBeNull();
      expect(mock.store.connection("chat", connected.connectionId)?.userId).toBe(user);

      const rest = restClient(mock.url, DEFAULT_ACCESS_KEY);
      expect(
        await rest.send("chat/:send", "news", ["hello browser", { transport }], { excluded: ["someone-else"] }),
      ).toBe(202);
      await tab.waitForFunction(
        () => (globalThis as unknown as { hubkit: { received: unknown[] } }).hubkit.received.length > 0,
      );
      expect((await state()).received).toEqual([{ target: "news", args: ["hello browser", { transport }] }]);
      expect(await tab.locator("#messages li").textContent()).toBe(
        `news ["hello browser",{"transport":"${transport}"}]`,
      );
      await tab.screenshot({ path: join(ARTIFACTS, `browser-client-${transport}.png`) });
      expect(problems).toEqual([]);
      await tab.close();
      // The log names the connection and user; the browser put the token in the URL, and the log shows none of it.
      expect(log.join("\n")).toContain(
        `client connected id=${connected.connectionId} user=${user} hub=chat transport=${transport}`,
      );
      expect(log.join("\n")).not.toMatch(/eyJ[\w-]+\.|access_token=(?!\*\*\*)/);
    });
  },
);
