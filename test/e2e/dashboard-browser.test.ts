// The dashboard in headless Chromium: a @microsoft/signalr client appears, gets a message sent from the form and is
// closed from the UI; a restarted mock is reconnected to; a flood of events stays capped; a non-loopback bind asks
// for the key. Screenshots of each page go to test-artifacts/dashboard/. One browser for the file, one page per test;
// the tests that read the event list, flood it or restart a mock get a mock of their own. They run one after the
// other: side by side they only compete for the same cores (Chromium's rendering is the cost), and on a loaded
// machine every one of them then needs the whole file's time within its own timeout.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import * as signalR from "@microsoft/signalr";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createMockServer, DEFAULT_ACCESS_KEY, type MockServer } from "../../src/mock/index.js";
import { currentSlowdown, scaled } from "../support/slowdown.js";

const CHROMIUM = process.env.HUBKIT_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts", "dashboard");
/** Playwright's 30 s default for a wait, stretched on a contended machine like the test timeouts. */
const WAIT_MS = scaled(30_000, currentSlowdown());
/** Set HUBKIT_DOCS_SCREENSHOT=1 to refresh the README's screenshot (docs/dashboard.png). */
const DOCS_SCREENSHOT = process.env.HUBKIT_DOCS_SCREENSHOT === "1";

interface Client {
  connection: signalR.HubConnection;
  received: unknown[][];
  closed: Promise<Error | undefined>;
}

async function connectClient(mock: MockServer, user: string): Promise<Client> {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${mock.url}/_hubkit/hubs/chat?userId=${user}`, { transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(signalR.LogLevel.None)
    .build();
  const received: unknown[][] = [];
  connection.on("fromDashboard", (...args: unknown[]) => received.push(args));
  const closed = new Promise<Error | undefined>((resolve) => connection.onclose((error) => resolve(error)));
  await connection.start();
  return { connection, received, closed };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

// Skipped where Chromium is missing, except in CI, where a missing browser must fail rather than pass silently.
describe
  .skipIf(!existsSync(CHROMIUM) && !process.env.CI)
  (`dashboard in headless Chromium (${CHROMIUM})`, () => {
    let browser: Browser;
    let mock: MockServer;
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

    const ownMocks: MockServer[] = [];

    afterAll(async () => {
      for (const c of clients) await c.connection.stop().catch(() => {});
      await browser?.close();
      await mock?.close();
      for (const own of ownMocks) await own.close();
    });

    /** A mock for one test alone, closed after the file. */
    async function ownMock(): Promise<MockServer> {
      const own = await createMockServer({ port: 0, keepAliveIntervalMs: 1000 });
      ownMocks.push(own);
      return own;
    }

    async function openDashboard(
      width = 1366,
      height = 768,
      on: MockServer = mock,
    ): Promise<{ page: Page; problems: string[] }> {
      const page = await browser.newPage({ viewport: { width, height } });
      page.setDefaultTimeout(WAIT_MS);
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      // The browser logs every 4xx answer; the deliberate bad inputs below get 400s, which are not problems.
      page.on("console", (m) => m.type() === "error" && !/status of 400/.test(m.text()) && problems.push(m.text()));
      await page.goto(on.dashboardUrl!);
      await page.locator("#status", { hasText: "Live" }).waitFor();
      return { page, problems };
    }

    it("shows a connecting client, sends it a message from the form, closes it from the UI", async ({ expect }) => {
      // Its own mock: its events page must show only its own sends (the keyboard test sends the same target).
      const own = await ownMock();
      const { page, problems } = await openDashboard(1366, 768, own);
      const client = await connectClient(own, "alice");
      clients.push(client);
      const id = client.connection.connectionId!;
      const row = page.locator("#conn-table tbody tr", { hasText: id });
      await row.waitFor();
      await expect(row.locator("td").nth(2).textContent()).resolves.toBe("alice");
      await expect(row.locator("td").nth(3).textContent()).resolves.toBe("WebSockets");
      await expect(row.locator("td").nth(4).textContent()).resolves.toBe("json");
      await shot(page, "connections");

      // Send: prefilled from the row, arguments checked in place before anything is sent.
      await row.getByRole("button", { name: `Send to ${id}` }).click();
      await expect(page.locator("#send-name").inputValue()).resolves.toBe(id);
      await page.fill("#send-target", "fromDashboard");
      await page.fill("#send-args", '["hi", ');
      await page.locator('#send-form .field-error[data-for="arguments"]', { hasText: "Not valid JSON" }).waitFor();
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page.locator("#send-form .result", { hasText: "Arguments are not valid JSON" }).waitFor();
      expect(client.received).toEqual([]);
      await page.fill("#send-args", '["hi from the dashboard", 42]');
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page.locator("#send-form .result", { hasText: "Sent 'fromDashboard'" }).waitFor();
      await expect.poll(() => client.received, { timeout: WAIT_MS }).toEqual([["hi from the dashboard", 42]]);
      const curl = await page.locator("#send-form .result pre").textContent();
      expect(curl).toContain(`/api/hubs/chat/connections/${id}/:send?api-version=2022-06-01`);
      expect(curl).toContain("$(npx hubkit token");

      // A hub name that breaks the rule: the mock's REST validation message, next to the hub field.
      await page.fill("#send-hub", "my-hub");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await page.locator('#send-form .field-error[data-for="hub"]', { hasText: "Invalid hub name" }).waitFor();
      await page.fill("#send-hub", "chat");
      await page.locator('#send-form .field-error[data-for="hub"]').waitFor({ state: "hidden" });

      // A fixture with an error: line and column in the form.
      await page.fill("#fixture-yaml", "hubs:\n  chat:\n    connections: 7\n");
      await page.getByRole("button", { name: "Apply fixture" }).click();
      await page
        .locator("#fixture-problems li", { hasText: /line 3, column \d+/ })
        .first()
        .waitFor();
      await shot(page, "actions");

      // The events page lists the connect and the delivery.
      await page.getByRole("link", { name: "Events" }).click();
      await page.locator("#event-list li", { hasText: `${id} connected as alice (WebSockets, json)` }).waitFor();
      await page.locator("#event-list li", { hasText: "'fromDashboard' to 1 connection" }).waitFor();
      await page.selectOption("#f-kind", "delivered");
      await expect(page.locator("#event-list li", { hasText: "connected as" }).count()).resolves.toBe(0);
      await page.selectOption("#f-kind", "");
      await shot(page, "events");

      // Close from the UI: the client gets the reason, the row goes away.
      await page.getByRole("link", { name: "Connections" }).click();
      await row.getByRole("button", { name: `Close ${id}` }).click();
      await page.fill("#close-reason", "closed from the dashboard test");
      await page.getByRole("button", { name: "Close connection" }).click();
      await page.locator("#close-form .result", { hasText: `Closed connection ${id}` }).waitFor();
      const error = await client.closed;
      expect(error?.message).toContain("closed from the dashboard test");
      await page.getByRole("link", { name: "Connections" }).click();
      await row.waitFor({ state: "detached" });
      expect(problems).toEqual([]);
      await page.close();
    });

    it("drops a client's transport from the UI without a Close message", async ({ expect }) => {
      const { page, problems } = await openDashboard();
      const client = await connectClient(mock, "bob");
      clients.push(client);
      const id = client.connection.connectionId!;
      const row = page.locator("#conn-table tbody tr", { hasText: id });
      await row.getByRole("button", { name: `Close ${id}` }).click();
      await page.getByRole("button", { name: /Drop transport/ }).click();
      await page.locator("#close-form .result", { hasText: `Dropped the transport of ${id}` }).waitFor();
      await client.closed;
      await page.getByRole("link", { name: "Connections" }).click();
      await row.waitFor({ state: "detached" });
      expect(problems).toEqual([]);
      await page.close();
    });

    it("works from the keyboard alone", async ({ expect }) => {
      const { page, problems } = await openDashboard();
      const client = await connectClient(mock, "erin");
      clients.push(client);
      const id = client.connection.connectionId!;
      await page.locator("#conn-table tbody tr", { hasText: id }).waitFor();
      /** Presses Tab until the focused element matches (at most 60 times), as a keyboard user would. */
      const tabTo = async (test: string) => {
        for (let i = 0; i < 60; i += 1) {
          await page.keyboard.press("Tab");
          if (await page.evaluate((t) => document.activeElement?.matches(t) ?? false, test)) return;
        }
        throw new Error(`Tab never reached ${test}`);
      };
      await tabTo(`button[aria-label="Send to ${id}"]`);
      await page.keyboard.press("Enter");
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("send-target");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("fromDashboard");
      await tabTo("#send-args");
      await page.keyboard.press("Control+A");
      await page.keyboard.type('["typed"]');
      await tabTo("#send-form button[type=submit]");
      await page.keyboard.press("Enter");
      await expect.poll(() => client.received, { timeout: WAIT_MS }).toEqual([["typed"]]);
      // The nav is reachable too: Events by keyboard.
      await page.focus("#main");
      await page.keyboard.press("Shift+Tab");
      await tabTo('a[href="#events"]');
      await page.keyboard.press("Enter");
      await page.locator("#events").waitFor();
      expect(problems).toEqual([]);
      await page.close();
    });

    it("keeps at most 1,000 events in view under a flood and says how many were dropped", async ({ expect }) => {
      // Its own mock: the flood would push the other tests' events out of their views.
      const flooded = await ownMock();
      const { page, problems } = await openDashboard(1366, 768, flooded);
      await page.getByRole("link", { name: "Events" }).click();
      for (let i = 0; i < 20_000; i += 1) flooded.events.publish({ kind: "admin", summary: `flood ${i}` });
      await page.locator("#event-list li", { hasText: "flood 19999" }).waitFor();
      await expect(page.locator("#event-list li").count()).resolves.toBeLessThanOrEqual(1000);
      await expect(page.locator("#event-info").textContent()).resolves.toMatch(/\d+ events dropped from view/);
      // Paused: new events wait; resumed: they show.
      await page.getByRole("button", { name: "Pause" }).click();
      flooded.events.publish({ kind: "admin", summary: "after the pause" });
      await page.locator("#event-info", { hasText: "paused: 1 waiting" }).waitFor();
      await expect(page.locator("#event-list li", { hasText: "after the pause" }).count()).resolves.toBe(0);
      await page.getByRole("button", { name: "Resume" }).click();
      await page.locator("#event-list li", { hasText: "after the pause" }).waitFor();
      expect(problems).toEqual([]);
      await page.close();
    });

    it("reconnects to a restarted mock and says so", async () => {
      // Its own mock, since it stops it while the other tests use theirs.
      const first = await createMockServer({ port: 0, keepAliveIntervalMs: 1000 });
      const { page } = await openDashboard(420, 800, first);
      await shot(page, "connections-narrow");
      const port = first.port;
      await first.close();
      await page.locator("#status", { hasText: "Lost the mock" }).waitFor();
      const restarted = await createMockServer({ port, keepAliveIntervalMs: 1000 });
      ownMocks.push(restarted);
      await page.locator("#status", { hasText: "Live again" }).waitFor();
      const client = await connectClient(restarted, "carol");
      clients.push(client);
      await page.locator("#conn-table tbody tr", { hasText: client.connection.connectionId! }).waitFor();
      await page.close();
    });

    it("asks for the access key on a non-loopback bind", async ({ expect }) => {
      const exposed = await createMockServer({ port: 0, dashboardLogin: true });
      try {
        expect(exposed.dashboardLogin).toBe(true);
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        page.setDefaultTimeout(WAIT_MS);
        await page.emulateMedia({ colorScheme: "dark" });
        await page.goto(exposed.dashboardUrl!);
        await page.getByLabel("Access key").waitFor();
        await page.getByLabel("Access key").fill("not-the-key");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.locator("#login-error", { hasText: "not one of this mock's access keys" }).waitFor();
        await shot(page, "login-dark");
        await page.getByLabel("Access key").fill(DEFAULT_ACCESS_KEY);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.locator("#status", { hasText: "Live" }).waitFor();
        await expect(page.locator("#login").isHidden()).resolves.toBe(true);
        await page.close();
      } finally {
        await exposed.close();
      }
    });

    it.runIf(DOCS_SCREENSHOT)("refreshes docs/dashboard.png", async () => {
      const shown = await createMockServer({
        port: 0,
        fixture: {
          hubs: {
            chat: {
              connections: [
                { id: "alice-phone", user: "alice", groups: ["lobby", "room-42"] },
                { id: "bob-laptop", user: "bob", groups: ["lobby"] },
              ],
              userGroups: [{ user: "carol", group: "room-42", ttl: 3600 }],
            },
          },
        },
      });
      ownMocks.push(shown);
      const { page } = await openDashboard(1200, 640, shown);
      const client = await connectClient(shown, "dana");
      clients.push(client);
      await page.locator("#conn-table tbody tr", { hasText: client.connection.connectionId! }).waitFor();
      await page.screenshot({ path: join(process.cwd(), "docs", "dashboard.png") });
      await page.close();
    });
  });
