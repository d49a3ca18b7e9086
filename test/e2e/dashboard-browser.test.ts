// The dashboard in headless Chromium, connections and access: a @microsoft/signalr client appears, gets a message sent
// from the form and is closed (or its transport dropped) from the UI; a non-loopback bind asks for the key.
// Screenshots go to test-artifacts/dashboard/. Keyboard use, the event view and reconnecting: dashboard-events-browser.
// One browser for the file (dashboard-session.ts), one page per test, one test after the other.
import { describe, it } from "vitest";
import { createMockServer, DEFAULT_ACCESS_KEY } from "../../src/mock/index.js";
import { CHROMIUM, NO_CHROMIUM, useDashboardSession, WAIT_MS } from "./dashboard-session.js";

describe.skipIf(NO_CHROMIUM)(`dashboard in headless Chromium (${CHROMIUM})`, () => {
  const s = useDashboardSession();

  it("shows a connecting client, sends it a message from the form, closes it from the UI", async ({ expect }) => {
    // Its own mock: its events page must show only its own sends (the keyboard test sends the same target).
    const own = await s.ownMock();
    const { page, problems } = await s.openDashboard(1366, 768, own);
    const client = await s.connectClient(own, "alice");
    const id = client.connection.connectionId!;
    const row = page.locator("#conn-table tbody tr", { hasText: id });
    await row.waitFor();
    await expect(row.locator("td").nth(2).textContent()).resolves.toBe("alice");
    await expect(row.locator("td").nth(3).textContent()).resolves.toBe("WebSockets");
    await expect(row.locator("td").nth(4).textContent()).resolves.toBe("json");
    await s.shot(page, "connections");

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
    await s.shot(page, "actions");

    // The events page lists the connect and the delivery.
    await page.getByRole("link", { name: "Events" }).click();
    await page.locator("#event-list li", { hasText: `${id} connected as alice (WebSockets, json)` }).waitFor();
    await page.locator("#event-list li", { hasText: "'fromDashboard' to 1 connection" }).waitFor();
    await page.selectOption("#f-kind", "delivered");
    await expect(page.locator("#event-list li", { hasText: "connected as" }).count()).resolves.toBe(0);
    await page.selectOption("#f-kind", "");
    await s.shot(page, "events");

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
    const { page, problems } = await s.openDashboard();
    const client = await s.connectClient(s.mock, "bob");
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

  it("asks for the access key on a non-loopback bind", async ({ expect }) => {
    const exposed = await createMockServer({ port: 0, dashboardLogin: true });
    try {
      expect(exposed.dashboardLogin).toBe(true);
      const page = await s.browser.newPage({ viewport: { width: 1366, height: 768 } });
      page.setDefaultTimeout(WAIT_MS);
      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto(exposed.dashboardUrl!);
      await page.getByLabel("Access key").waitFor();
      await page.getByLabel("Access key").fill("not-the-key");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator("#login-error", { hasText: "not one of this mock's access keys" }).waitFor();
      await s.shot(page, "login-dark");
      await page.getByLabel("Access key").fill(DEFAULT_ACCESS_KEY);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator("#status", { hasText: "Live" }).waitFor();
      await expect(page.locator("#login").isHidden()).resolves.toBe(true);
      await page.close();
    } finally {
      await exposed.close();
    }
  });
});
