// The dashboard end-to-end tests' shared setup: one headless Chromium and one mock per test file, pages that fail the
// test on a page error, SignalR clients, screenshots to test-artifacts/dashboard/. Two files use it, so each stays
// within the 20 s a file and the two run on separate workers.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import * as signalR from "@microsoft/signalr";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { currentSlowdown, scaled } from "../support/slowdown.js";

export const CHROMIUM = process.env.HUBKIT_CHROMIUM ?? "/usr/bin/chromium";
/** Skipped where Chromium is missing, except in CI, where a missing browser must fail rather than pass silently. */
export const NO_CHROMIUM = !existsSync(CHROMIUM) && !process.env.CI;
const ARTIFACTS = join(process.cwd(), "test-artifacts", "dashboard");
/** Playwright's 30 s default for a wait, stretched on a contended machine like the test timeouts. */
export const WAIT_MS = scaled(30_000, currentSlowdown());

interface Client {
  connection: signalR.HubConnection;
  received: unknown[][];
  closed: Promise<Error | undefined>;
}

export interface DashboardSession {
  readonly browser: Browser;
  /** The file's shared mock. */
  readonly mock: MockServer;
  /** A mock for one test alone (its events, its restarts), closed after the file. */
  ownMock(): Promise<MockServer>;
  /** Adopts a mock the test started itself, so it is closed after the file. */
  adopt(mock: MockServer): MockServer;
  /** A page on a mock's dashboard (the shared one by default), once it says Live; `problems` collects page errors. */
  openDashboard(width?: number, height?: number, on?: MockServer): Promise<{ page: Page; problems: string[] }>;
  /** A @microsoft/signalr client of hub `chat` over WebSockets, recording `fromDashboard` calls; stopped after. */
  connectClient(mock: MockServer, user: string): Promise<Client>;
  /** A full-page screenshot to test-artifacts/dashboard/<name>.png. */
  shot(page: Page, name: string): Promise<void>;
}

/** Registers the file's beforeAll/afterAll (call it inside the describe) and returns what the tests use. */
export function useDashboardSession(): DashboardSession {
  let browser: Browser | undefined;
  let mock: MockServer | undefined;
  const mocks: MockServer[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    [browser, mock] = await Promise.all([
      chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
      }),
      createMockServer({ port: 0, keepAliveIntervalMs: 1000 }),
    ]);
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    for (const c of clients) await c.connection.stop().catch(() => {});
    await browser?.close();
    await mock?.close();
    for (const own of mocks) await own.close();
  });

  const session: DashboardSession = {
    get browser() {
      return browser!;
    },
    get mock() {
      return mock!;
    },
    async ownMock() {
      return session.adopt(await createMockServer({ port: 0, keepAliveIntervalMs: 1000 }));
    },
    adopt(own) {
      mocks.push(own);
      return own;
    },
    async openDashboard(width = 1366, height = 768, on = mock!) {
      const page = await browser!.newPage({ viewport: { width, height } });
      page.setDefaultTimeout(WAIT_MS);
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      // The browser logs every 4xx answer; the deliberate bad inputs get 400s, which are not problems.
      page.on("console", (m) => m.type() === "error" && !/status of 400/.test(m.text()) && problems.push(m.text()));
      await page.goto(on.dashboardUrl!);
      await page.locator("#status", { hasText: "Live" }).waitFor();
      return { page, problems };
    },
    async connectClient(target, user) {
      const connection = new signalR.HubConnectionBuilder()
        .withUrl(`${target.url}/_hubkit/hubs/chat?userId=${user}`, { transport: signalR.HttpTransportType.WebSockets })
        .configureLogging(signalR.LogLevel.None)
        .build();
      const received: unknown[][] = [];
      connection.on("fromDashboard", (...args: unknown[]) => received.push(args));
      const closed = new Promise<Error | undefined>((resolve) => connection.onclose((error) => resolve(error)));
      await connection.start();
      const client = { connection, received, closed };
      clients.push(client);
      return client;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    },
  };
  return session;
}
