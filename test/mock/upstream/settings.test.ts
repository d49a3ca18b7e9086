// Upstream settings: the emulator's settings.json unchanged, matching and URL rules, file:line:col errors, hot reload,
// and the state file's `upstream:`/`handlers:` sections.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatHubkitError, HubkitError } from "../../../src/errors.js";
import { MockEvents } from "../../../src/mock/events.js";
import { parseFixture } from "../../../src/mock/fixtures/index.js";
import { InMemoryStore } from "../../../src/mock/in-memory-store.js";
import { createUpstream, loadUpstreamSettingsFile, parseUpstreamSettings } from "../../../src/mock/upstream/index.js";
import { expandUrl, findTemplate } from "../../../src/mock/upstream/templates.js";
import { loadSpec } from "../../../src/spec/index.js";

/** Exactly what `asrs-emulator upstream init` writes. */
const EMULATOR_INIT = `{
  "UpstreamSettings": {
    "Templates": [
      {
        "UrlTemplate": "http://localhost:7071/runtime/webhooks/signalr",
        "EventPattern": "*",
        "HubPattern": "*",
        "CategoryPattern": "*"
      }
    ]
  }
}
`;

function problems(text: string, file = "settings.json"): string {
  try {
    parseUpstreamSettings(text, file);
  } catch (error) {
    if (error instanceof HubkitError) return formatHubkitError(error);
    throw error;
  }
  throw new Error("expected the settings to be refused");
}

describe("settings.json", () => {
  it("reads the emulator's own file unchanged", () => {
    expect(parseUpstreamSettings(EMULATOR_INIT, "settings.json")).toEqual([
      {
        urlTemplate: "http://localhost:7071/runtime/webhooks/signalr",
        hubPattern: "*",
        eventPattern: "*",
        categoryPattern: "*",
      },
    ]);
  });

  it("matches in order, first match wins, with *, comma lists and exact names", () => {
    const templates = parseUpstreamSettings(
      JSON.stringify({
        UpstreamSettings: {
          Templates: [
            { UrlTemplate: "http://a/{hub}/{category}/{event}", HubPattern: "chat, news", EventPattern: "SendMessage" },
            { UrlTemplate: "http://b/{event}", CategoryPattern: "connections" },
            // .NET configuration keys are case-insensitive.
            { urlTemplate: "http://c/", hubPattern: "*" },
          ],
        },
      }),
      "s.json",
    );
    const url = (hub: string, category: "connections" | "messages", event: string) => {
      const t = findTemplate(templates, { hub, category, event });
      return t && expandUrl(t.urlTemplate, { hub, category, event });
    };
    expect(url("news", "messages", "SendMessage")).toBe("http://a/news/messages/SendMessage");
    expect(url("chat", "messages", "sendmessage")).toBe("http://c/"); // event names are case-sensitive
    expect(url("other", "connections", "connected")).toBe("http://b/connected");
    expect(url("a b", "messages", "x/y")).toBe("http://c/");
    expect(expandUrl("http://h/{hub}/{event}", { hub: "a b", category: "messages", event: "x/y!" })).toBe(
      "http://h/a%20b/x%2Fy%21",
    );
  });

  it("names every problem with file:line:col, and suggests the key meant", () => {
    const text = `{
  "UpstreamSettings": {
    "Templates": [
      { "UrlTemplte": "http://x/" },
      { "UrlTemplate": "/runtime/webhooks/signalr" },
      { "UrlTemplate": "http://x/", "HubPattern": "chat,,news" },
      { "UrlTemplate": "http://x/", "EventPattern": "a,*" }
    ]
  }
}`;
    const report = problems(text);
    expect(report).toContain("settings.json:4:9: UpstreamSettings.Templates[0].UrlTemplte: unknown key");
    expect(report).toContain("Did you mean `UrlTemplate`?");
    expect(report).toContain("settings.json:4:7: UpstreamSettings.Templates[0]: `UrlTemplate` is missing");
    expect(report).toContain("settings.json:5:24: UpstreamSettings.Templates[1].UrlTemplate: expected an absolute URL");
    expect(report).toContain("settings.json:6:51: UpstreamSettings.Templates[2].HubPattern: empty item");
    expect(report).toContain("settings.json:7:53: UpstreamSettings.Templates[3].EventPattern: `*` only matches");
    expect(problems('{"UpstreamSetings": {}}')).toContain("Did you mean `UpstreamSettings`?");
    expect(problems('{"UpstreamSettings": {"Templates": [}')).toMatch(/^settings\.json:1:\d+: YAML syntax error/);
  });

  it("says when the file is missing", () => {
    expect(() => loadUpstreamSettingsFile("/nonexistent/settings.json")).toThrow(
      "Upstream settings file /nonexistent/settings.json does not exist.",
    );
  });
});

describe("hot reload", () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it("applies a good edit and keeps the last good settings after a bad one, printing the error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-upstream-"));
    const file = join(dir, "settings.json");
    writeFileSync(file, EMULATOR_INIT);
    const reports: string[] = [];
    const upstream = createUpstream(
      { settingsFile: file, report: (text) => reports.push(text) },
      { store: new InMemoryStore(), accessKeys: ["k"], events: new MockEvents(), log: () => {}, clock: Date },
    );
    stop = upstream.stop;
    const { dispatcher } = upstream;
    expect(dispatcher.getTemplates()?.[0]?.urlTemplate).toBe("http://localhost:7071/runtime/webhooks/signalr");
    writeFileSync(file, EMULATOR_INIT.replace("localhost:7071", "127.0.0.1:9999/edited"));
    await until(() => reports.length === 1);
    expect(reports[0]).toContain("reloaded");
    expect(dispatcher.getTemplates()?.[0]?.urlTemplate).toBe("http://127.0.0.1:9999/edited/runtime/webhooks/signalr");
    writeFileSync(file, `${EMULATOR_INIT.replace('"UrlTemplate"', '"Url"')}\n\n`);
    await until(() => reports.length === 2);
    expect(reports[1]).toContain("keeping the last good ones");
    expect(reports[1]).toMatch(/settings\.json:5:9: UpstreamSettings\.Templates\[0\]\.Url: unknown key "Url"/);
    expect(dispatcher.getTemplates()?.[0]?.urlTemplate).toBe("http://127.0.0.1:9999/edited/runtime/webhooks/signalr");
  });
});

describe("state file sections", () => {
  it("accepts upstream URLs and templates, and handlers, and reports mistakes with positions", () => {
    const fixture = parseFixture(
      [
        "upstream:",
        "  - http://localhost:7071/runtime/webhooks/signalr",
        "  - { urlTemplate: 'http://x/{event}', hubPattern: chat }",
        "handlers:",
        "  chat:",
        "    SendMessage: { broadcast: newMessage }",
        "    Echo: { result: '{0}' }",
      ].join("\n"),
      "state.yaml",
      loadSpec(),
    );
    expect(fixture.handlers?.chat?.SendMessage).toEqual({ broadcast: "newMessage" });
    let report = "";
    try {
      parseFixture(
        [
          "upstream:",
          "  - relative/path",
          "handlers:",
          "  chat:",
          "    SendMessage: { brodcast: newMessage }",
          "    ToRoom: { toGroup: room }",
          "    Both: { result: 1, error: no }",
        ].join("\n"),
        "state.yaml",
        loadSpec(),
      );
    } catch (error) {
      report = formatHubkitError(error as HubkitError);
    }
    expect(report).toContain("state.yaml:2:5: upstream[0]: expected an absolute URL");
    expect(report).toContain('state.yaml:5:20: handlers.chat.SendMessage.brodcast: unknown key "brodcast"');
    expect(report).toContain("Did you mean `broadcast`?");
    expect(report).toContain("state.yaml:6:13: handlers.chat.ToRoom: `toGroup`/`toUser` need `target:`");
    expect(report).toContain(
      "state.yaml:7:24: handlers.chat.Both.error: an invocation answers with a result or an error",
    );
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
