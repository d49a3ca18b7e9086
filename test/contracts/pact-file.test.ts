// Pact files: parsing with positions and finding them on disk.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPactFiles } from "../../src/contracts/find-pact-files.js";
import { parsePact, readPactFile } from "../../src/contracts/pact-file.js";
import { HubkitError } from "../../src/errors.js";

const v4 = {
  consumer: { name: "shop" },
  provider: { name: "signalr" },
  interactions: [
    {
      type: "Synchronous/HTTP",
      description: "a send",
      providerStates: [{ name: "user connected", params: { hub: "chat", userId: "u1" } }],
      request: {
        method: "post",
        path: "/api/hubs/chat/:send",
        query: { "api-version": ["2022-06-01"], excluded: ["a", "b"] },
        headers: { "Content-Type": ["application/json"] },
        body: { contentType: "application/json", encoded: false, content: { target: "t", arguments: [1] } },
        generators: { path: { type: "ProviderState", expression: `/api/hubs/chat/\${x}` } },
      },
      response: {
        status: 404,
        headers: { "x-ms-error-code": ["Warning.User.NotExisted"] },
        body: {
          contentType: "application/json",
          encoded: "base64",
          content: Buffer.from('{"code":"x"}').toString("base64"),
        },
      },
    },
  ],
  metadata: { pactSpecification: { version: "4.0" } },
};

describe("parsePact", () => {
  it("normalises a V4 interaction: method, query map, headers, wrapped and base64 bodies, injected path", () => {
    const pact = parsePact(JSON.stringify(v4, null, 2), "shop.json");
    expect(pact).toMatchObject({ consumer: "shop", provider: "signalr", specification: "4.0" });
    const [interaction] = pact.interactions;
    expect(interaction).toMatchObject({
      description: "a send",
      type: "Synchronous/HTTP",
      providerStates: [{ name: "user connected", params: { hub: "chat", userId: "u1" } }],
      request: {
        method: "POST",
        path: "/api/hubs/chat/:send",
        query: { "api-version": ["2022-06-01"], excluded: ["a", "b"] },
        headers: { "content-type": "application/json" },
        body: { target: "t", arguments: [1] },
        injectedPath: `/api/hubs/chat/\${x}`,
      },
      response: { status: 404, headers: { "x-ms-error-code": "Warning.User.NotExisted" }, body: { code: "x" } },
    });
  });

  it("points each interaction at the line and column of its description", () => {
    const text = JSON.stringify(v4, null, 2);
    const line = text.split("\n").findIndex((l) => l.includes('"description": "a send"')) + 1;
    expect(parsePact(text, "shop.json").interactions[0]!.position).toEqual({ file: "shop.json", line, column: 7 });
  });

  it("reads V2 files: query string, plain JSON body, providerState", () => {
    const v2 = {
      consumer: { name: "c" },
      provider: { name: "p" },
      interactions: [
        {
          description: "old",
          providerState: "hub is empty",
          request: { method: "GET", path: "/x", query: "a=1&a=2&b=3", body: { target: "t" } },
          response: { status: 200 },
        },
      ],
    };
    const [interaction] = parsePact(JSON.stringify(v2), "v2.json").interactions;
    expect(interaction).toMatchObject({
      type: "Synchronous/HTTP",
      providerStates: [{ name: "hub is empty", params: {} }],
      request: { query: { a: ["1", "2"], b: ["3"] }, body: { target: "t" } },
    });
    expect(parsePact(JSON.stringify(v2), "v2.json").specification).toBe("2.0.0");
  });

  it("refuses text that is not a pact, saying what was expected", () => {
    expect(() => parsePact("{not json", "a.json")).toThrow(/a\.json is not a pact file: it is not JSON/);
    expect(() => parsePact('{"consumer":{"name":"c"}}', "b.json")).toThrow(/consumer\.name, provider\.name/);
    expect(() => parsePact('{"consumer":{"name":"c"},"provider":{"name":"p"},"interactions":[1]}', "c.json")).toThrow(
      /interaction 1 is not an object/,
    );
    const badStatus = {
      consumer: { name: "c" },
      provider: { name: "p" },
      interactions: [{ description: "x", response: { status: "abc" } }],
    };
    expect(() => parsePact(JSON.stringify(badStatus), "e.json")).toThrow('interaction "x" has response status "abc"');
    expect(() => parsePact("[]", "d.json")).toThrow(HubkitError);
    expect(() => parsePact("[]", "d.json")).toThrow(expect.objectContaining({ code: "E_PACT_INVALID" }));
  });

  it("reports a file that cannot be read", () => {
    expect(() => readPactFile(join(tmpdir(), "hubkit-no-such-pact.json"))).toThrow(
      expect.objectContaining({ code: "E_PACT_READ" }),
    );
  });
});

describe("findPactFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "hubkit-pacts-"));
  writeFileSync(join(dir, "b.json"), "{}");
  writeFileSync(join(dir, "a.json"), "{}");
  writeFileSync(join(dir, "notes.txt"), "");

  it("expands folders to their *.json files, sorted and without duplicates", () => {
    expect(findPactFiles([dir, join(dir, "a.json")])).toEqual([join(dir, "a.json"), join(dir, "b.json")]);
  });

  it("reads contracts/ by default", () => {
    expect(findPactFiles([], new URL("../../", import.meta.url).pathname)).toContainEqual(
      expect.stringMatching(/contracts\/example-notifier\.json$/),
    );
  });

  it("refuses a missing path and a folder without pact files", () => {
    expect(() => findPactFiles([join(dir, "missing")])).toThrow(expect.objectContaining({ code: "E_PACT_PATH" }));
    const empty = mkdtempSync(join(tmpdir(), "hubkit-no-pacts-"));
    expect(() => findPactFiles([empty])).toThrow(expect.objectContaining({ code: "E_PACT_NONE" }));
  });
});
