// Opens report.html in headless Chromium: it renders, the matrix is there, it fits a laptop screen; JUnit parses as XML.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConformanceReport, redactReport, renderHtml, renderJunit } from "../../src/reporters/index.js";
import type { StepResult } from "../../src/results/result.js";
import { loadServedSpec, loadSpec } from "../../src/spec/index.js";
import { failingRun, passingRun, twoVersionRun } from "../fixtures/runs/sample-runs.js";

const CHROMIUM = process.env.HUBKIT_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = join(process.cwd(), "test-artifacts");
const spec = loadSpec();

// Skipped where Chromium is missing, except in CI, where a missing browser must fail rather than pass silently.
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)(
  `report.html in headless Chromium (${CHROMIUM}; set HUBKIT_CHROMIUM to use another)`,
  () => {
    let browser: Browser;
    let url = "";

    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
      });
      await mkdir(ARTIFACTS, { recursive: true });
      const html = join(ARTIFACTS, "report.html");
      await writeFile(html, renderHtml(redactReport(buildConformanceReport(failingRun(), spec))));
      url = pathToFileURL(html).href;
    });

    afterAll(async () => {
      await browser?.close();
    });

    it("renders the summary first and the coverage matrix on a 1366x768 screen, fetching nothing", async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(url);

      expect(await page.title()).toBe("hubkit 2022-06-01 · live · 4 failing");
      expect(await page.locator("h1").textContent()).toContain("FAILED");
      expect(await page.locator("a.jump").textContent()).toBe("4 failing tests ↓");
      const figures = await page.locator(".figures .figure").allInnerTexts();
      expect(figures.map((f) => f.replace(/\s+/g, " ").trim())).toEqual([
        "27 TESTS",
        "22 PASSED",
        "3 FAILED",
        "1 ERRORED",
        "1 SKIPPED",
        "84.6% PASS RATE",
        "19/19 OPERATIONS",
        "24/71 OP × STATUS",
      ]);
      // Summary at the top, the matrix starting on the first screen.
      expect((await page.locator("header.run").boundingBox())!.y).toBeLessThan(40);
      expect((await page.locator("table.matrix").boundingBox())!.y).toBeLessThan(768);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

      expect(await page.locator("table.matrix tbody tr").count()).toBe(19);
      expect(await page.locator("table.matrix thead th").allInnerTexts()).toEqual([
        "Operation",
        "200",
        "202",
        "204",
        "400",
        "401",
        "404",
        "413",
        "415",
        "500",
      ]);
      const sendToUser = page.locator("table.matrix tbody tr", { hasText: "SignalR_SendToUser" });
      expect(await sendToUser.locator("td").nth(3).getAttribute("class")).toBe("c-failed");
      expect(await sendToUser.locator("td").nth(1).getAttribute("class")).toBe("c-untested");
      const undocumented = page.locator("table.matrix tbody tr", { hasText: "SignalR_CheckConnectionExistence" });
      expect(await undocumented.locator("td").nth(8).getAttribute("class")).toBe("c-failed c-undoc");
      // Matrix cells are coloured (not just classes).
      const passedBg = await page
        .locator("td.c-passed")
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(passedBg).toBe("rgb(218, 251, 225)");

      expect(await page.locator("article.failure").count()).toBe(4);
      expect(await page.locator("article.failure .diff .added").count()).toBeGreaterThan(0);
      expect(await page.locator("article.failure .exchange pre").first().textContent()).toContain(
        "HEAD /api/hubs/chat/connections/c1",
      );

      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, "report.png") });
      await page.screenshot({ path: join(ARTIFACTS, "report-full.png"), fullPage: true });
      await page.close();
    });

    it("filters the test list with the buttons, and shows everything without JavaScript", async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(url);
      const visibleRows = () => page.locator("table.tests tbody tr:visible").count();
      expect(await visibleRows()).toBe(27);
      await page.getByRole("button", { name: /Failed or errored/ }).click();
      expect(await visibleRows()).toBe(4);
      expect(await page.getByRole("button", { name: /Failed or errored/ }).getAttribute("aria-pressed")).toBe("true");
      await page.getByRole("button", { name: /Skipped/ }).click();
      expect(await visibleRows()).toBe(1);
      await page.close();

      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const plain = await noJs.newPage();
      await plain.goto(url);
      expect(await plain.locator("table.tests tbody tr:visible").count()).toBe(27);
      expect(await plain.locator("table.matrix tbody tr").count()).toBe(19);
      await noJs.close();
    });

    it("a run over both API versions shows each version's operations at a glance and a matrix per version", async () => {
      const html = join(ARTIFACTS, "report-versions.html");
      await writeFile(html, renderHtml(buildConformanceReport(twoVersionRun(), loadServedSpec())));
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(pathToFileURL(html).href);
      const figures = (await page.locator(".figures .figure").allInnerTexts()).map((f) =>
        f.replace(/\s+/g, " ").trim(),
      );
      expect(figures).toContain("18/19 OPERATIONS 2022-06-01");
      expect(figures).toContain("21/26 OPERATIONS 2024-12-01");
      const heading = page.locator("h2", { hasText: "Coverage by API version" });
      expect(await heading.textContent()).toBe(
        "Coverage by API version: 2022-06-01: 18/19 · 2024-12-01: 21/26 operations",
      );
      expect((await heading.boundingBox())!.y).toBeLessThan(768);
      const older = page.locator('table.matrix[data-api-version="2022-06-01"]');
      const newer = page.locator('table.matrix[data-api-version="2024-12-01"]');
      expect(await older.locator("tbody tr").count()).toBe(19);
      expect(await newer.locator("tbody tr").count()).toBe(26);
      expect(await older.locator("tbody tr", { hasText: "ListConnectionsInGroup" }).count()).toBe(0);
      const list = newer.locator("tbody tr", { hasText: "ListConnectionsInGroup" });
      expect(await list.locator("td").first().getAttribute("class")).toBe("c-passed");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
      await page.screenshot({ path: join(ARTIFACTS, "report-versions-full.png"), fullPage: true });
      await page.close();
    });

    it("junit.xml parses as XML, even with ]]>, quotes and control characters in the data", async () => {
      const run = passingRun();
      const base = run.tests[0]!;
      const step: StepResult = {
        ...base.steps[0]!,
        outcome: "failed",
        failure: 'a "b" & <c> ]]> \u0001',
        checks: [{ kind: "body", outcome: "failed", title: "]]>", expected: "]]>]]>", actual: "\u0000<x/>" }],
      };
      const tricky = {
        ...run,
        tests: [
          ...run.tests,
          { ...base, id: "x", name: "<&]]>", outcome: "failed" as const, skipReason: undefined, steps: [step] },
        ],
      };
      const page = await browser.newPage();
      const parse = (text: string) =>
        page.evaluate((xml) => {
          const doc = new DOMParser().parseFromString(xml, "application/xml");
          return {
            error: doc.querySelector("parsererror")?.textContent ?? null,
            cases: [...doc.querySelectorAll("testcase")].map((c) => c.getAttribute("name")),
            failures: [...doc.querySelectorAll("failure")].map((f) => f.textContent ?? ""),
          };
        }, text);
      const sample = await parse(renderJunit(buildConformanceReport(failingRun(), spec)));
      expect(sample.error).toBeNull();
      expect(sample.cases).toHaveLength(27);
      const odd = await parse(renderJunit(buildConformanceReport(tricky, spec)));
      expect(odd.error).toBeNull();
      expect(odd.cases).toContain("<&]]>");
      expect(odd.failures).toHaveLength(1);
      expect(odd.failures[0]).toContain("expected: ]]>]]>");
      expect(odd.failures[0]).toContain("actual:   \uFFFD<x/>");
      await page.close();
    });
  },
);
