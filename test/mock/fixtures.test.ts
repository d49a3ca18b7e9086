// State fixtures: the shipped files, parse errors with file:line:col (all at once), and applying them to a Store.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { type HubkitError, HubkitErrorList } from "../../src/errors.js";
import { applyFixture, type Fixture, loadFixtureFile, parseFixture } from "../../src/mock/fixtures/index.js";
import { InMemoryStore } from "../../src/mock/in-memory-store.js";
import type { Store } from "../../src/mock/store.js";
import { VirtualConnectionSink } from "../../src/mock/virtual-connection.js";
import { loadSpec } from "../../src/spec/index.js";

const SPEC = loadSpec();

function problemsOf(run: () => unknown): HubkitError[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HubkitErrorList);
    return [...(error as HubkitErrorList).problems];
  }
  throw new Error("expected the fixture to be refused");
}

const where = (p: HubkitError) => `${p.position?.line}:${p.position?.column}`;

describe("shipped state files", () => {
  it("mocks/chat-room.yaml seeds a chat room", () => {
    const store = new InMemoryStore();
    expect(applyFixture(store, loadFixtureFile("mocks/chat-room.yaml", SPEC), SPEC)).toEqual({
      hubs: 2,
      connections: 5,
      userGroups: 3,
    });
    expect(store.hasUser("chat", "alice")).toBe(true);
    expect(store.isUserInGroup("chat", "carol", "room-42")).toBe(true);
    expect(store.groupConnections("chat", "announcements").map((c) => c.id)).toEqual(["bob-desktop"]);
    expect(store.hasGroup("contoso_notifications", "alerts")).toBe(true);
  });

  it("mocks/default.yaml holds the defaults and no state", () => {
    const fixture = loadFixtureFile("mocks/default.yaml", SPEC);
    expect(fixture.server).toEqual({
      port: 8888,
      host: "127.0.0.1",
      accessKeys: ["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH"],
      apiVersions: ["2022-06-01"],
      keepAliveSeconds: 15,
      devNegotiate: true,
    });
    const store = new InMemoryStore();
    applyFixture(store, fixture, SPEC);
    expect(store.snapshot().hubs).toEqual([]);
  });
});

describe("parseFixture", () => {
  it("an empty file is an empty state", () => {
    expect(parseFixture("", "empty.yaml", SPEC)).toEqual({});
    expect(parseFixture("# only a comment\n", "empty.yaml", SPEC)).toEqual({});
  });

  it("reads JSON too", () => {
    expect(parseFixture('{"hubs":{"chat":{"connections":["c1"]}}}', "x.json", SPEC)).toEqual({
      hubs: { chat: { connections: ["c1"] } },
    });
  });

  it("reports YAML syntax errors with their position", () => {
    const [problem, ...rest] = problemsOf(() => parseFixture("hubs:\n  chat: [\n", "broken.yaml", SPEC));
    expect(rest).toEqual([]);
    expect(problem?.message).toMatch(/^YAML syntax error/);
    expect(problem?.position?.file).toBe("broken.yaml");
    expect(problem?.code).toBe("E_FIXTURE_INVALID");
  });

  it("reports a duplicate key where the second one is", () => {
    const [problem] = problemsOf(() => parseFixture("hubs:\n  chat: {}\n  chat: {}\n", "dup.yaml", SPEC));
    expect(where(problem!)).toBe("3:3");
  });

  it("reports every problem at once, each at its line and column", () => {
    const text = [
      "hubs:", // 1
      "  chat:", // 2
      "    conections: []", // 3 unknown key (typo)
      "    connections:", // 4
      "      - id: 42", // 5 number id
      "        groups: ['  ']", // 6 whitespace group
      "      - id: dup", // 7
      "      - dup", // 8 duplicate
      "    userGroups:", // 9
      "      - user: bob", // 10
      "        group: g", // 11
      "        ttl: -5", // 12 negative ttl
      "  9lives: {}", // 13 bad hub name
      "reset: maybe", // 14
    ].join("\n");
    const problems = problemsOf(() => parseFixture(text, "state.yaml", SPEC));
    const found = problems.map((p) => [where(p), p.message, p.hint]);
    expect(found).toEqual([
      ["14:8", 'reset: expected true or false, found "maybe"', undefined],
      ["3:5", 'hubs.chat.conections: unknown key "conections"', "Did you mean `connections`?"],
      ["6:18", 'hubs.chat.connections[0].groups[0]: invalid group name "  "', expect.stringMatching(/1 to 1024/)],
      ["5:13", "hubs.chat.connections[0].id: expected a non-empty connection id, found 42", 'Quote it: "42".'],
      ["8:9", 'hubs.chat.connections[2]: connection id "dup" appears twice in this hub', undefined],
      [
        "12:14",
        "hubs.chat.userGroups[0].ttl: expected a whole number of seconds from 0 to 2147483647, found -5",
        expect.any(String),
      ],
      ["13:3", 'hubs.9lives: invalid hub name "9lives"', expect.stringMatching(/starts with a letter/)],
    ]);
    expect(problems.every((p) => p.position?.file === "state.yaml")).toBe(true);
  });

  it("refuses a root that is not a mapping, and hubs that name one hub twice", () => {
    expect(problemsOf(() => parseFixture("- a\n", "list.yaml", SPEC))[0]?.message).toMatch(
      /^\(root\): expected a mapping/,
    );
    const [twice] = problemsOf(() => parseFixture("hubs:\n  Chat: {}\n  chat: {}\n", "case.yaml", SPEC));
    expect(twice?.message).toMatch(/same hub as "Chat"/);
    const [app] = problemsOf(() => parseFixture("hubs:\n  a_chat: {}\n  chat: {application: A}\n", "app.yaml", SPEC));
    expect(app?.message).toMatch(/"chat" is the same hub as "a_chat"/);
  });

  it("checks the server section", () => {
    const text =
      "server:\n  port: 70000\n  accessKeys: []\n  apiVersions: ['']\n  keepAliveSeconds: 0\n  devNegotiate: 1\n  hots: x\n";
    const messages = problemsOf(() => parseFixture(text, "s.yaml", SPEC)).map((p) => p.message);
    expect(messages).toEqual([
      'server.hots: unknown key "hots"',
      "server.port: expected a port number from 0 to 65535, found 70000",
      "server.accessKeys: expected a non-empty list, found a list",
      'server.apiVersions[0]: expected a non-empty string, found ""',
      "server.keepAliveSeconds: expected 1 to 15 seconds, found 0",
      "server.devNegotiate: expected true or false, found 1",
    ]);
  });

  it.each([30, 15.5, "15"])("refuses keepAliveSeconds %j: clients drop a server silent for 30 s", (value) => {
    const [problem, ...rest] = problemsOf(() =>
      parseFixture(`server:\n  keepAliveSeconds: ${JSON.stringify(value)}\n`, "k.yaml", SPEC),
    );
    expect(rest).toEqual([]);
    expect(problem?.message).toMatch(/^server\.keepAliveSeconds: expected 1 to 15 seconds, found /);
    expect(problem?.hint).toMatch(/disconnect after 30 s/);
  });

  it.each([1, 2.5, 15])("accepts keepAliveSeconds %j", (value) => {
    expect(() => parseFixture(`server:\n  keepAliveSeconds: ${value}\n`, "k.yaml", SPEC)).not.toThrow();
  });

  it("checks application names and list shapes", () => {
    const text = "hubs:\n  chat:\n    application: my-app\n    connections: c1\n    userGroups: [{group: g}]\n";
    const messages = problemsOf(() => parseFixture(text, "a.yaml", SPEC)).map((p) => p.message);
    expect(messages).toEqual([
      'hubs.chat.application: invalid application name "my-app"',
      'hubs.chat.connections: expected a list of connection ids or `{id, user, groups}` mappings, found "c1"',
      "hubs.chat.userGroups[0].user: expected a non-empty user id, found nothing",
    ]);
  });
});

describe("loadFixtureFile", () => {
  it("a missing file is a usage error naming the path", () => {
    expect(() => loadFixtureFile("mocks/does-not-exist.yaml", SPEC)).toThrow(
      expect.objectContaining({
        code: "E_FIXTURE_FILE",
        message: "State file mocks/does-not-exist.yaml does not exist.",
      }),
    );
  });

  it("positions name the file as given", () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-fixture-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "hubs:\n  chat:\n    connections: [{id: ''}]\n");
    const [problem] = problemsOf(() => loadFixtureFile(file, SPEC));
    expect(problem?.position).toEqual({ file, line: 3, column: 24 });
  });
});

describe("applyFixture", () => {
  const pactStates: Array<[string, Fixture, (store: Store) => boolean]> = [
    ["connection exists", { hubs: { chat: { connections: ["c1"] } } }, (s) => s.connection("chat", "c1") !== undefined],
    [
      "connection in group",
      { hubs: { chat: { connections: [{ id: "c1", groups: ["g"] }] } } },
      (s) => s.hasGroup("chat", "g"),
    ],
    [
      "user in group",
      { hubs: { chat: { userGroups: [{ user: "u", group: "g" }] } } },
      (s) => s.isUserInGroup("chat", "u", "g"),
    ],
    ["user connected", { hubs: { chat: { connections: [{ id: "c1", user: "u" }] } } }, (s) => s.hasUser("chat", "u")],
    ["hub is empty", { hubs: { chat: { reset: true } } }, (s) => s.hubConnections("chat").length === 0],
  ];

  it.each(pactStates)("expresses the Pact state '%s', idempotently", (_name, fixture, holds) => {
    const store = new InMemoryStore();
    applyFixture(store, { hubs: { chat: { connections: ["other"] } } }, SPEC);
    applyFixture(store, fixture, SPEC);
    applyFixture(store, fixture, SPEC);
    expect(holds(store)).toBe(true);
  });

  it("re-applying a connection replaces the virtual one with a fresh history", () => {
    const store = new InMemoryStore();
    applyFixture(store, { hubs: { chat: { connections: [{ id: "c1", groups: ["a"] }] } } }, SPEC);
    store.deliver(store.hubConnections("chat"), "t", []);
    applyFixture(store, { hubs: { chat: { connections: [{ id: "c1", user: "u" }] } } }, SPEC);
    const connection = store.connection("chat", "c1")!;
    expect(connection.userId).toBe("u");
    expect([...connection.groups]).toEqual([]);
    expect((connection.sink as VirtualConnectionSink).received).toEqual([]);
  });

  it("refuses, and changes nothing, when an id belongs to a live client", () => {
    const store = new InMemoryStore();
    store.connect({ hub: "chat", id: "live-1", sink: new VirtualConnectionSink(store.clock), kind: "live" });
    const problems = problemsOf(() => applyFixture(store, { hubs: { chat: { connections: ["v1", "live-1"] } } }, SPEC));
    expect(problems[0]?.message).toBe(
      'hubs.chat.connections[1]: connection id "live-1" belongs to a live client in hub "chat"',
    );
    expect(store.connection("chat", "v1")).toBeUndefined();
    applyFixture(store, { hubs: { chat: { reset: true, connections: ["live-1"] } } }, SPEC);
    expect(store.connection("chat", "live-1")?.kind).toBe("virtual");
  });

  it("reset forgets everything first; application prefixes the hub", () => {
    const store = new InMemoryStore();
    applyFixture(store, { hubs: { one: { connections: ["c1"] } } }, SPEC);
    applyFixture(store, { reset: true, hubs: { Chat: { application: "Contoso", connections: ["c2"] } } }, SPEC);
    expect(store.snapshot().hubs.map((h) => h.name)).toEqual(["contoso_chat"]);
  });

  it("applies user groups after connections, so ttl 0 adds the seeded connections only", () => {
    const clock = new ManualClock();
    const store = new InMemoryStore({ clock });
    applyFixture(
      store,
      {
        hubs: { chat: { connections: [{ id: "c1", user: "u" }], userGroups: [{ user: "u", group: "g", ttl: 0 }] } },
      },
      SPEC,
    );
    expect(store.hasGroup("chat", "g")).toBe(true);
    applyFixture(store, { hubs: { chat: { connections: [{ id: "c2", user: "u" }] } } }, SPEC);
    expect(store.groupConnections("chat", "g").map((c) => c.id)).toEqual(["c1"]);
  });

  it("validates objects from code too, naming the path", () => {
    const problems = problemsOf(() =>
      applyFixture(
        new InMemoryStore(),
        { hubs: { chat: { connections: [{ id: "" }], extra: 1 } } } as unknown as Fixture,
        SPEC,
      ),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'hubs.chat.extra: unknown key "extra"',
      'hubs.chat.connections[0].id: expected a non-empty connection id, found ""',
    ]);
  });
});
