// The dashboard in headless Chromium, by keyboard and over time: everything reachable from the keyboard alone, a
// flood of events stays capped and can be paused, a restarted mock is reconnected to. Connections and access:
// dashboard-browser. One browser for the file (dashboard-session.ts), one page per test, one test after the other.
import { join } from "node:path";
import { describe, it } from "vitest";
import { createMockServer } from "../../src/mock/index.js";
import { CHROMIUM, NO_CHROMIUM, useDashboardSession, WAIT_MS } from "./dashboard-session.js";

/** Set HUBKIT_DOCS_SCREENSHOT=1 to refresh the README's screenshot (docs/dashboard.png). */
const DOCS_SCREENSHOT = process.env.HUBKIT_DOCS_SCREENSHOT === "1";

describe.skipIf(NO_CHROMIUM)(`dashboard in headless Chromium (${CHROMIUM})`, () => {
  const s = useDashboardSession();

  it("works from the keyboard alone", async ({ expect }) => {
    const { page, problems } = await s.openDashboard();
    const client = await s.connectClient(s.mock, "erin");
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
    const flooded = await s.ownMock();
    const { page, problems } = await s.openDashboard(1366, 768, flooded);
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
    const { page } = await s.openDashboard(420, 800, first);
    await s.shot(page, "connections-narrow");
    const port = first.port;
    await first.close();
    await page.locator("#status", { hasText: "Lost the mock" }).waitFor();
    const restarted = await createMockServer({ port, keepAliveIntervalMs: 1000 });
    s.adopt(restarted);
    await page.locator("#status", { hasText: "Live again" }).waitFor();
    const client = await s.connectClient(restarted, "carol");
    await page.locator("#conn-table tbody tr", { hasText: client.connection.connectionId! }).waitFor();
    await page.close();
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
    s.adopt(shown);
    const { page } = await s.openDashboard(1200, 640, shown);
    const client = await s.connectClient(shown, "dana");
    await page.locator("#conn-table tbody tr", { hasText: client.connection.connectionId! }).waitFor();
    await page.screenshot({ path: join(process.cwd(), "docs", "dashboard.png") });
    await page.close();
  });
});
