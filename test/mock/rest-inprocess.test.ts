// The shared REST cases, in-process: supertest on createMockHandler's listener.
import { afterEach, describe, it } from "vitest";
import { createMockHandler, type MockHandler } from "../../src/mock/index.js";
import { supertestCaller } from "./callers.js";
import { CHAT, runRestCase } from "./rest-case.js";
import { restCases } from "./rest-cases.js";
import { PRIMARY_KEY, SECONDARY_KEY } from "./tokens.js";

describe("REST API in-process (supertest)", () => {
  let handler: MockHandler | undefined;
  afterEach(async () => {
    await handler?.close();
    handler = undefined;
  });

  it.each(restCases.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    handler = createMockHandler({
      accessKeys: [PRIMARY_KEY, SECONDARY_KEY],
      fixture: testCase.fixture ?? CHAT,
      ...(testCase.apiVersions ? { apiVersions: testCase.apiVersions } : {}),
    });
    await runRestCase(supertestCaller(handler.listener), testCase, {
      store: handler.store,
      virtual: handler.virtualConnections,
    });
  });
});
