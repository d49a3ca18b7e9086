// RestApi.invoke: one REST call without a socket or a token (the dashboard's path), with the same stages as handle().
import { describe, expect, it } from "vitest";
import { createTokenVerifier } from "../../src/auth/index.js";
import { applyFixture, InMemoryStore } from "../../src/mock/index.js";
import { ClientInvocations } from "../../src/mock/invocations.js";
import { RestApi } from "../../src/mock/rest/rest-api.js";
import { loadSpec } from "../../src/spec/index.js";
import { CHAT } from "./rest-case.js";
import { PRIMARY_KEY } from "./tokens.js";

function api() {
  const store = new InMemoryStore();
  applyFixture(store, CHAT, loadSpec());
  const rest = new RestApi({
    spec: loadSpec(),
    store,
    verifier: createTokenVerifier({ accessKeys: [PRIMARY_KEY] }),
    apiVersions: ["2022-06-01"],
    services: {
      accessKeys: [PRIMARY_KEY],
      clock: store.clock,
      invocations: new ClientInvocations(),
      cursorSecret: Buffer.alloc(32),
    },
  });
  return { store, rest };
}

const V = "api-version=2022-06-01";

describe("RestApi.invoke", () => {
  it("answers the operation's success status and changes the state", () => {
    const { store, rest } = api();
    expect(rest.invoke({ method: "PUT", rawPath: "/api/hubs/chat/groups/g/connections/anon-1", rawQuery: V })).toEqual({
      status: 200,
    });
    expect(store.connection("chat", "anon-1")?.groups.has("g")).toBe(true);
  });

  it.each([
    [{ method: "GET", rawPath: "/api/nothing", rawQuery: V }, 404, "Error.Route.NotFound"],
    [{ method: "PATCH", rawPath: "/api/hubs/chat/:send", rawQuery: V }, 405, "Error.Method.NotAllowed"],
    [{ method: "POST", rawPath: "/api/hubs/chat/:send", rawQuery: "" }, 400, "MissingApiVersionParameter"],
    [{ method: "POST", rawPath: "/api/hubs/chat/:send", rawQuery: V }, 400, "Error.Request.Invalid"],
    [
      { method: "POST", rawPath: "/api/hubs/chat/:send", rawQuery: V, body: Buffer.from("{") },
      400,
      "Error.Request.Invalid",
    ],
    [
      { method: "DELETE", rawPath: "/api/hubs/chat/connections/ghost", rawQuery: V },
      404,
      "Warning.Connection.NotExisted",
    ],
  ])("%j is %i %s, as over HTTP", (request, status, code) => {
    const answer = api().rest.invoke(request);
    expect(answer.status).toBe(status);
    expect(answer.error?.detail.code).toBe(code);
  });
});
