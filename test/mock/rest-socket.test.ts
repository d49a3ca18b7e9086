// The shared REST cases over a real socket: createMockServer on port 0, called with undici.
import { afterEach, describe, it } from "vitest";
import { createMockServer, type MockServer } from "../../src/mock/index.js";
import { undiciCaller } from "./callers.js";
import { CHAT, runRestCase } from "./rest-case.js";
import { restCases } from "./rest-cases.js";
import { PRIMARY_KEY, SECONDARY_KEY } from "./tokens.js";

describe("REST API over a socket (undici)", () => {
  let server: MockServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(restCases.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    server = await createMockServer({
      port: 0,
      accessKeys: [PRIMARY_KEY, SECONDARY_KEY],
      fixture: testCase.fixture ?? CHAT,
      ...(testCase.apiVersions ? { apiVersions: testCase.apiVersions } : {}),
    });
    await runRestCase(undiciCaller(server.url), testCase, { store: server.store, virtual: server.virtualConnections });
  });
});
