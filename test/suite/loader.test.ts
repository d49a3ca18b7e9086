// biome-ignore-all lint/suspicious/noTemplateCurlyInString: suites use ${name} templates, so test data is full of them
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HubkitErrorList } from "../../src/errors.js";
import { loadRunnableSuites } from "../../src/runner/index.js";
import { stepKinds } from "../../src/runner/steps/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { findSuiteFiles } from "../../src/suite/index.js";
import { load, loaded, oneTest, problems } from "./load-helpers.js";

describe("suite loader: a valid suite", () => {
  it("keeps names, tags, positions, timeouts and compiled steps", () => {
    const suite = loaded(`name: groups
tags: [groups]
variables:
  hub: chat
  group: g-\${run.id}
tests:
  - name: add and check
    tags: [inferred]
    timeout: 10s
    steps:
      - call: SignalR_AddUserToGroup
        params: { hub: "\${hub}", group: "\${group}", user: alice }
        capture: { code: status }
      - request: GET /api/health?x=\${code}
  - name: skipped one
    skip: not on Tuesdays
    targets: [mock]
    steps:
      - wait: 1ms
`);
    expect(suite.name).toBe("groups");
    expect(suite.variables.map((v) => v.name)).toEqual(["hub", "group"]);
    const [first, second] = suite.tests;
    expect(first).toMatchObject({ name: "add and check", tags: ["groups", "inferred"], timeoutMs: 10_000 });
    expect(first!.position).toEqual({ file: "suite.yaml", line: 7, column: 5 });
    expect(first!.steps.map((s) => [s.kind, s.title, s.position.line, s.position.column])).toEqual([
      ["call", "call SignalR_AddUserToGroup", 11, 9],
      ["request", "request GET /api/health?x=${code}", 14, 9],
    ]);
    expect(first!.steps[0]!.locate(["params", "group"])).toEqual({ file: "suite.yaml", line: 12, column: 41 });
    expect(second).toMatchObject({ skip: "not on Tuesdays", targets: ["mock"] });
  });

  it("makes client properties available after connect, and honours env defaults", () => {
    const text = oneTest(`- connect: alice
  hub: \${env.HUB:-chat}
- call: SignalR_CheckConnectionExistence
  params: { hub: chat, connectionId: "\${alice.connectionId}" }
- expectMessage: alice
  target: x`);
    expect(problems(text)).toEqual([]);
  });
});

describe("suite loader: every problem, with file:line:col, all at once", () => {
  it("reports YAML syntax errors with their position", () => {
    expect(problems("name: s\ntests:\n  - name: [unclosed\n")).toEqual([
      expect.stringMatching(/^suite\.yaml:4:1: YAML syntax error: .+ \[E_SUITE_YAML\]$/),
    ]);
  });

  it("reports an empty file", () => {
    expect(problems("")).toEqual(["suite.yaml:1:1: The suite file is empty. [E_SUITE_INVALID]"]);
  });

  it("reports a missing required key and a wrong top-level type", () => {
    expect(problems("name: s\n")).toEqual(['suite.yaml:1:1: Missing required key "tests". [E_SUITE_INVALID]']);
    expect(problems("- a\n")).toEqual([
      "suite.yaml:1:1: Value must be a mapping (key: value lines); found a list. [E_SUITE_INVALID]",
    ]);
  });

  it("reports unknown keys with a did-you-mean, at the key", () => {
    const result = load("name: s\nvariabels: {}\ntests:\n  - name: t\n    stpes: []\n");
    expect(result.problems.map((p) => [p.message, p.position?.line, p.position?.column, p.hint])).toEqual([
      ['Unknown key "variabels".', 2, 1, 'Did you mean "variables"?'],
      [
        'Missing required key "steps" in tests[0].',
        4,
        5,
        'Add "steps:" (Run in order; the first failure ends the test.).',
      ],
      ['Unknown key "stpes" in tests[0].', 5, 5, 'Did you mean "steps"?'],
    ]);
  });

  it("reports wrong types, bad enums, bad durations and empty lists", () => {
    const text = oneTest(`- call: SignalR_Broadcast
  params: { hub: chat }
  expect:
    status: abc
    error: { code: 1 }
- connect: bob
  hub: chat
  protocol: msgpack
  transport: websocket
- wait: 5 seconds`);
    expect(problems(text)).toEqual([
      'suite.yaml:8:19: expect.status must be an HTTP status (e.g. 202) or a list of them; found string "abc". [E_SUITE_INVALID]',
      "suite.yaml:9:26: expect.error.code must be a string; found number 1. [E_SUITE_INVALID]",
      'suite.yaml:12:19: protocol must be one of json, messagepack; found "msgpack". [E_SUITE_INVALID]',
      'suite.yaml:13:20: transport must be one of webSockets, serverSentEvents, longPolling; found "websocket". [E_SUITE_INVALID]',
      'suite.yaml:14:15: wait must be a duration such as 500ms, 5s or 1m (or a number of milliseconds); found string "5 seconds". [E_SUITE_INVALID]',
    ]);
    expect(problems("name: s\ntests: []\n")).toEqual(["suite.yaml:2:8: tests must not be empty. [E_SUITE_INVALID]"]);
  });

  it("suggests the enum value when it is a likely typo", () => {
    const result = load(oneTest("- connect: bob\n  hub: chat\n  transport: longPoling"));
    expect(result.problems[0]?.hint).toBe('Did you mean "longPolling"?');
  });

  it("reports unknown step kinds, steps without a kind and steps with two", () => {
    const text = oneTest(`- cal: SignalR_Broadcast
- name: nothing here
- call: SignalR_Broadcast
  request: GET /api/health`);
    const result = load(text);
    expect(result.problems.map((p) => `${p.position?.line}:${p.position?.column} ${p.message} | ${p.hint}`)).toEqual([
      '5:9 Unknown step kind "cal". | Did you mean "call"?',
      `6:9 A step has no kind (found keys: name). | Step kinds: ${stepKinds.map((k) => k.name).join(", ")}.`,
      "8:9 A step has 2 kinds (call, request); it must have one. | Split it into one step per kind.",
    ]);
  });

  it("reports unknown operationIds with the closest one", () => {
    const result = load(oneTest("- call: SignalR_SendToUsr\n  params: { hub: chat, user: u }"));
    expect(result.problems.map((p) => [formatLine(p), p.hint])).toEqual([
      [
        'suite.yaml:5:15: Unknown operationId "SignalR_SendToUsr". [E_SUITE_OPERATION]',
        "Did you mean SignalR_SendToUser?",
      ],
    ]);
  });

  it("checks path parameters, query parameters and bodies against the operation", () => {
    const text = oneTest(`- call: SignalR_SendToUser
  params: { hub: chat, usr: alice }
  query: { excluded: [a], reasn: x }
- call: SignalR_CloseConnection
  params: { hub: chat, connectionId: c1 }
  body: { target: x }`);
    const result = load(text);
    expect(result.problems.map((p) => [formatLine(p), p.hint])).toEqual([
      [
        'suite.yaml:6:17: Missing path parameter "user" for SignalR_SendToUser. [E_SUITE_INVALID]',
        "Add it under params: (the path is /api/hubs/{hub}/users/{user}/:send).",
      ],
      ['suite.yaml:6:30: SignalR_SendToUser has no path parameter "usr". [E_SUITE_INVALID]', 'Did you mean "user"?'],
      [
        'suite.yaml:7:18: SignalR_SendToUser has no query parameter "excluded". [E_SUITE_INVALID]',
        "Its query parameters: application, api-version. To send anything else, use a request step.",
      ],
      [
        'suite.yaml:7:33: SignalR_SendToUser has no query parameter "reasn". [E_SUITE_INVALID]',
        "Its query parameters: application, api-version. To send anything else, use a request step.",
      ],
      [
        "suite.yaml:10:9: SignalR_CloseConnection takes no body. [E_SUITE_INVALID]",
        "Remove it, or use a request step to send a body anyway.",
      ],
    ]);
  });

  it("reports undefined variables with a suggestion, and unset environment variables", () => {
    const text = oneTest(
      `- call: SignalR_Broadcast
  params: { hub: "\${hubb}" }
  headers: { x-a: "\${env.HUBKIT_TEST_UNSET}", x-b: "\${env.HUBKIT_TEST_SET}" }
- call: SignalR_CheckConnectionExistence
  params: { hub: chat, connectionId: "\${alice.connectionId}" }`,
      "variables:\n  hub: chat\n",
    );
    const result = load(text, { HUBKIT_TEST_SET: "1" });
    expect(result.problems.map((p) => [formatLine(p), p.hint])).toEqual([
      ["suite.yaml:8:24: ${hubb} is not defined here. [E_SUITE_VARIABLE]", "Did you mean ${hub}?"],
      [
        "suite.yaml:9:25: ${env.HUBKIT_TEST_UNSET}: environment variable HUBKIT_TEST_UNSET is not set. [E_SUITE_ENV]",
        "Set HUBKIT_TEST_UNSET before running, or give a default: ${env.HUBKIT_TEST_UNSET:-value}.",
      ],
      [
        "suite.yaml:11:44: ${alice.connectionId} is not defined here. [E_SUITE_VARIABLE]",
        "Define it under `variables:`, capture it in an earlier step, or use ${env.NAME}. A client's properties exist after its `connect: alice` step.",
      ],
    ]);
  });

  it("reports a capture used before it is captured, and an unknown client property", () => {
    const text = oneTest(`- request: GET /api/health?x=\${later}
- request: GET /api/health
  capture: { later: header.x-ms-error-code }
- connect: alice
  hub: chat
- request: GET /api/health?c=\${alice.connectionID}`);
    expect(problems(text)).toEqual([
      "suite.yaml:5:18: ${later} is not defined here. [E_SUITE_VARIABLE]",
      'suite.yaml:10:18: ${alice.connectionID}: a client has no property "connectionID". [E_SUITE_VARIABLE]',
    ]);
  });

  it("reports variables that use later variables and invalid variable names", () => {
    const text = oneTest("- wait: 1ms", 'variables:\n  a: "${b}"\n  b: x\n  env.x: 1\n');
    expect(problems(text)).toEqual([
      "suite.yaml:3:6: ${b} is not defined here. [E_SUITE_VARIABLE]",
      'suite.yaml:5:3: "env.x" is not a valid variable name. [E_SUITE_VARIABLE]',
    ]);
  });

  it("reports malformed templates", () => {
    expect(problems(oneTest('- request: "GET /api/health?x=${oops"'))).toEqual([
      'suite.yaml:5:18: "GET /api/health?x=${oops" has a ${ without a closing } [E_SUITE_TEMPLATE]',
    ]);
  });

  it("reports steps that name a client no connect step opened", () => {
    const text = oneTest(`- connect: alice
  hub: chat
- expectMessage: alicee
- expectClosed: bob
- disconnect: bob`);
    const result = load(text);
    expect(result.problems.map((p) => [formatLine(p), p.hint])).toEqual([
      [
        'suite.yaml:7:24: No client named "alicee" is connected before this step. [E_SUITE_CLIENT]',
        'Did you mean "alice"?',
      ],
      [
        'suite.yaml:8:23: No client named "bob" is connected before this step. [E_SUITE_CLIENT]',
        "Open it first with a `connect: bob` step in the same test.",
      ],
      ['suite.yaml:9:21: No client named "bob" is connected before this step. [E_SUITE_CLIENT]', expect.any(String)],
    ]);
  });

  it("reports invalid regexes, JSON pointers and capture sources", () => {
    const text = oneTest(`- request: GET /api/health
  expect:
    headers: { x-a: "/(/" }
    body: { code: x }
    matches: "("
- request: GET /api/health
  capture: { x: "cookies" }`);
    expect(problems(text)).toEqual([
      "suite.yaml:7:27: /(/ is not a valid regular expression: Invalid regular expression: /(/: Unterminated group [E_SUITE_INVALID]",
      'suite.yaml:8:25: "code" is not a JSON pointer. [E_SUITE_INVALID]',
      "suite.yaml:9:20: ( is not a valid regular expression: Invalid regular expression: /(/: Unterminated group [E_SUITE_INVALID]",
      'suite.yaml:11:23: capture.x must be status, header.<name>, body or body.<dotted.path>; found string "cookies". [E_SUITE_INVALID]',
    ]);
  });

  it("reports conflicting or misplaced options", () => {
    const text = oneTest(`- request: GET /api/health
  retry: { attempts: 2 }
  eventually: { within: 1s }
- connect: a
  hub: chat
- expectMessage: a
  window: 1s
- expectMessage: a
  none: true
  timeout: 1s
- request: health`);
    expect(problems(text)).toEqual([
      "suite.yaml:7:9: A step takes `retry` or `eventually`, not both. [E_SUITE_INVALID]",
      "suite.yaml:11:9: `window` only applies with `none: true` or `count`. [E_SUITE_INVALID]",
      "suite.yaml:14:9: `timeout` does not apply with `none: true`. [E_SUITE_INVALID]",
      'suite.yaml:15:18: "health" is not a request line. [E_SUITE_INVALID]',
    ]);
  });

  it("reports expectClosed keys of a Close message when closeMessage: false expects none, and non-booleans", () => {
    const text = oneTest(`- connect: a
  hub: chat
- expectClosed: a
  closeMessage: false
  reason: bye
  allowReconnect: true
- expectClosed: a
  closeMessage: false
  reason: null
- expectClosed: a
  closeMessage: "yes"
  allowReconnect: 1`);
    const result = load(text);
    expect(result.problems.map((p) => formatLine(p))).toEqual([
      "suite.yaml:9:9: `reason` is part of the Close message, but `closeMessage: false` expects none. [E_SUITE_INVALID]",
      "suite.yaml:10:9: `allowReconnect` is part of the Close message, but `closeMessage: false` expects none. [E_SUITE_INVALID]",
      'suite.yaml:15:23: closeMessage must be true or false; found string "yes". [E_SUITE_INVALID]',
      "suite.yaml:16:25: allowReconnect must be true or false; found number 1. [E_SUITE_INVALID]",
    ]);
    expect(result.problems[0]!.hint).toBe("Remove `reason`, or expect a Close message with `closeMessage: true`.");
  });

  it("reports a protocol the transport cannot carry", () => {
    expect(
      problems(oneTest("- connect: a\n  hub: chat\n  protocol: messagepack\n  transport: serverSentEvents")),
    ).toEqual([
      "suite.yaml:8:20: Server-Sent Events carry text only, so they cannot carry MessagePack. [E_SUITE_INVALID]",
    ]);
  });

  it("reports duplicate test names", () => {
    const text = "name: s\ntests:\n  - name: t\n    steps: [{ wait: 1 }]\n  - name: t\n    steps: [{ wait: 1 }]\n";
    expect(problems(text)).toEqual([
      'suite.yaml:5:11: Two tests are named "t" (the first is test #1). [E_SUITE_DUPLICATE_TEST]',
    ]);
  });

  it("validates inline seed fixtures at load time, and fixture files with their own positions", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-seed-"));
    writeFileSync(join(dir, "state.yaml"), "hubs:\n  chat:\n    conections: []\n");
    const text = oneTest(`- seed: { hubs: { chat: { connections: [{ idd: c1 }] } } }
- seed: state.yaml
- seed: missing.yaml`);
    const result = await loadInDir(dir, text);
    const lines = result.map((p) => formatLine(p));
    expect(lines).toEqual([
      "suite.yaml:5:47: Fixture: hubs.chat.connections[0].id: expected a non-empty connection id, found nothing [E_SUITE_FIXTURE]",
      'suite.yaml:5:49: Fixture: hubs.chat.connections[0].idd: unknown key "idd" [E_SUITE_FIXTURE]',
      `suite.yaml:7:15: State file ${join(dir, "missing.yaml")} does not exist. [E_FIXTURE_FILE]`,
      `${join(dir, "state.yaml")}:3:5: hubs.chat.conections: unknown key "conections" [E_FIXTURE_INVALID]`,
    ]);
  });

  it("loads every file and throws one list with the problems of all of them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-suites-"));
    mkdirSync(join(dir, "nested"));
    writeFileSync(join(dir, "a.yaml"), "name: a\ntests: []\n");
    writeFileSync(join(dir, "nested", "b.yml"), oneTest("- call: Nope"));
    writeFileSync(join(dir, "notes.txt"), "not a suite");
    const error = await loadRunnableSuites(["."], { spec: loadSpec(), cwd: dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubkitErrorList);
    expect((error as HubkitErrorList).problems.map(formatLine)).toEqual([
      "a.yaml:2:8: tests must not be empty. [E_SUITE_INVALID]",
      `${join("nested", "b.yml")}:5:15: Unknown operationId "Nope". [E_SUITE_OPERATION]`,
    ]);
  });

  it("reports missing paths and folders without suites", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hubkit-empty-"));
    await expect(findSuiteFiles(["nope"], dir)).rejects.toMatchObject({ code: "E_SUITE_PATH" });
    await expect(findSuiteFiles(["."], dir)).rejects.toThrow(/contains no \.yaml or \.yml suite files/);
  });
});

function formatLine(p: { message: string; code: string; position?: { file: string; line: number; column: number } }) {
  const where = p.position ? `${p.position.file}:${p.position.line}:${p.position.column}: ` : "";
  return `${where}${p.message} [${p.code}]`;
}

async function loadInDir(dir: string, text: string) {
  writeFileSync(join(dir, "suite.yaml"), text);
  const error = await loadRunnableSuites(["suite.yaml"], { spec: loadSpec(), cwd: dir, env: {} }).catch(
    (e: unknown) => e,
  );
  return error instanceof HubkitErrorList ? error.problems : [];
}
