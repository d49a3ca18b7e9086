// The spec index: operations, parameter rules, schemas and suggestions.
import { describe, expect, it } from "vitest";
import { checkParameter, loadSpec, patternedParameter, suggestClosest } from "../../src/spec/index.js";

const spec = loadSpec();

const OPERATIONS: Array<[string, string, string]> = [
  ["HEAD", "/api/health", "HealthApi_GetServiceStatus"],
  ["POST", "/api/hubs/{hub}/:closeConnections", "SignalR_CloseConnections"],
  ["POST", "/api/hubs/{hub}/:send", "SignalR_Broadcast"],
  ["DELETE", "/api/hubs/{hub}/connections/{connectionId}", "SignalR_CloseConnection"],
  ["HEAD", "/api/hubs/{hub}/connections/{connectionId}", "SignalR_CheckConnectionExistence"],
  ["POST", "/api/hubs/{hub}/connections/{connectionId}/:send", "SignalR_SendToConnection"],
  ["DELETE", "/api/hubs/{hub}/connections/{connectionId}/groups", "SignalR_RemoveConnectionFromAllGroups"],
  ["HEAD", "/api/hubs/{hub}/groups/{group}", "SignalR_CheckGroupExistence"],
  ["POST", "/api/hubs/{hub}/groups/{group}/:closeConnections", "SignalR_CloseGroupConnections"],
  ["POST", "/api/hubs/{hub}/groups/{group}/:send", "SignalR_GroupBroadcast"],
  ["DELETE", "/api/hubs/{hub}/groups/{group}/connections/{connectionId}", "SignalR_RemoveConnectionFromGroup"],
  ["PUT", "/api/hubs/{hub}/groups/{group}/connections/{connectionId}", "SignalR_AddConnectionToGroup"],
  ["HEAD", "/api/hubs/{hub}/users/{user}", "SignalR_CheckUserExistence"],
  ["POST", "/api/hubs/{hub}/users/{user}/:closeConnections", "SignalR_CloseUserConnections"],
  ["POST", "/api/hubs/{hub}/users/{user}/:send", "SignalR_SendToUser"],
  ["DELETE", "/api/hubs/{hub}/users/{user}/groups", "SignalR_RemoveUserFromAllGroups"],
  ["DELETE", "/api/hubs/{hub}/users/{user}/groups/{group}", "SignalR_RemoveUserFromGroup"],
  ["HEAD", "/api/hubs/{hub}/users/{user}/groups/{group}", "SignalR_CheckUserExistenceInGroup"],
  ["PUT", "/api/hubs/{hub}/users/{user}/groups/{group}", "SignalR_AddUserToGroup"],
];

/** Fills a template with sample values the way a caller would, percent-encoding each value. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? name));
}

describe("spec index", () => {
  it("has exactly the 19 operations of 2022-06-01, with their methods and paths", () => {
    expect(spec.apiVersion).toBe("2022-06-01");
    expect(spec.operations.map((o) => [o.method, o.path, o.operationId]).sort()).toEqual([...OPERATIONS].sort());
  });

  it.each(OPERATIONS)("routes %s %s to %s", (method, template, id) => {
    const result = spec.router.match(method, fill(template, { hub: "chat", group: "g 1", user: "u@x" }));
    expect(result.kind).toBe("matched");
    if (result.kind !== "matched") return;
    expect(result.match.operation.operationId).toBe(id);
    if (template.includes("{group}")) expect(result.match.params.group).toBe("g 1");
    if (template.includes("{user}")) expect(result.match.params.user).toBe("u@x");
  });

  it("answers GET like HEAD on the four existence checks only", () => {
    const aliases = spec.operations.filter((o) => o.getAlias).map((o) => o.operationId);
    expect(aliases.sort()).toEqual([
      "SignalR_CheckConnectionExistence",
      "SignalR_CheckGroupExistence",
      "SignalR_CheckUserExistence",
      "SignalR_CheckUserExistenceInGroup",
    ]);
    const get = spec.router.match("GET", "/api/hubs/chat/users/u1/groups/g1");
    expect(get.kind === "matched" && get.match.operation.operationId).toBe("SignalR_CheckUserExistenceInGroup");
    expect(spec.router.match("GET", "/api/hubs/chat/:send").kind).toBe("method-not-allowed");
  });

  it("keeps literal segments literal, and tells unknown paths from unknown methods", () => {
    const connection = spec.router.match("HEAD", "/api/hubs/chat/connections/:send");
    expect(connection.kind === "matched" && connection.match.params.connectionId).toBe(":send");
    const wrongMethod = spec.router.match("POST", "/api/hubs/chat/connections/c1/groups");
    expect(wrongMethod).toEqual({ kind: "method-not-allowed", allowed: ["DELETE"] });
    expect(spec.router.match("POST", "/api/hubs/chat/:sendx").kind).toBe("not-found");
    expect(spec.router.match("POST", "/api/hubs/chat/groups//:send").kind).toBe("not-found");
    expect(spec.router.match("POST", "/api/hubs/%E0%A4%A/:send").kind).toBe("not-found");
  });

  it("decodes an encoded colon and tolerates one trailing slash", () => {
    const encoded = spec.router.match("POST", "/api/hubs/chat/%3Asend");
    expect(encoded.kind === "matched" && encoded.match.operation.operationId).toBe("SignalR_Broadcast");
    expect(spec.router.match("HEAD", "/api/health/").kind).toBe("matched");
  });

  it("marks only the health check anonymous", () => {
    expect(spec.operations.filter((o) => !o.requiresAuth).map((o) => o.operationId)).toEqual([
      "HealthApi_GetServiceStatus",
    ]);
  });

  it("documents the error statuses the service returns", () => {
    expect(spec.documentedStatuses("SignalR_Broadcast")).toEqual([202, 400, 401, 413, 415]);
    expect(spec.documentedStatuses("SignalR_CloseConnection")).toEqual([200, 400, 401, 404]);
    expect(spec.documentedStatuses("SignalR_AddUserToGroup")).toEqual([200, 400, 401]);
    expect(spec.documentedStatuses("HealthApi_GetServiceStatus")).toEqual([200, 400]);
  });
});

describe("parameter rules", () => {
  const param = (operationId: string, name: string) => {
    const op = spec.operation(operationId)!;
    return [...op.pathParams, ...op.queryParams].find((p) => p.name === name)!;
  };

  it("uses the reference's hub regex, not its prose", () => {
    const hub = param("SignalR_Broadcast", "hub");
    for (const ok of ["a", "Chat", "a_b", "a`b,c.d[e]", `a${"b".repeat(127)}`]) {
      expect(checkParameter(hub, ok), ok).toBeUndefined();
    }
    for (const bad of ["9chat", "my-hub", "_x", "a b", `a${"b".repeat(128)}`]) {
      expect(checkParameter(hub, bad)?.rule, bad).toBe("pattern");
    }
  });

  it("applies the group length and not-all-whitespace rules", () => {
    const group = param("SignalR_AddConnectionToGroup", "group");
    expect(checkParameter(group, "g")).toBeUndefined();
    expect(checkParameter(group, "   ")?.rule).toBe("pattern");
    expect(checkParameter(group, "a\nb")?.rule).toBe("pattern");
    expect(checkParameter(group, "x".repeat(1025))?.rule).toBe("maxLength");
    expect(checkParameter(group, "")?.rule).toBe("minLength");
    // The reference has no pattern on GroupBroadcast's group; the mock adds the rule itself.
    expect(checkParameter(param("SignalR_GroupBroadcast", "group"), "   ")).toBeUndefined();
  });

  it("checks required query parameters and int32 ttl", () => {
    const version = param("SignalR_Broadcast", "api-version");
    expect(checkParameter(version, undefined)?.rule).toBe("required");
    expect(checkParameter(version, [])?.rule).toBe("required");
    const ttl = param("SignalR_AddUserToGroup", "ttl");
    expect(checkParameter(ttl, "60")).toBeUndefined();
    expect(checkParameter(ttl, "-1")).toBeUndefined();
    expect(checkParameter(ttl, "1.5")?.rule).toBe("type");
    expect(checkParameter(ttl, "abc")?.rule).toBe("type");
    expect(checkParameter(ttl, "2147483648")?.rule).toBe("type");
    expect(checkParameter(param("SignalR_Broadcast", "excluded"), ["a", "b"])).toBeUndefined();
  });
});

describe("schemas", () => {
  it("validates PayloadMessage and ErrorDetail, recursive refs included", () => {
    const body = spec.operation("SignalR_Broadcast")!.requestBody!.schema;
    expect(spec.schemas.validate(body, { target: "t", arguments: [1, { a: 2 }] })).toEqual([]);
    expect(spec.schemas.validate(body, { target: "" }).map((v) => v.path)).toEqual(["/target"]);
    expect(spec.schemas.validate(body, {}).map((v) => v.message)).toEqual([
      "(body) must have required property 'target'",
    ]);
    const error = spec.operation("SignalR_CloseConnection")!.responses.get("404")!.bodySchema!;
    expect(spec.schemas.validate(error, { code: "c", details: [{ code: "d", inner: { code: "e" } }] })).toEqual([]);
    expect(spec.schemas.validate(error, { details: [{ inner: { code: 5 } }] }).map((v) => v.path)).toEqual([
      "/details/0/inner/code",
    ]);
  });

  it("declares x-ms-error-code on errors and WWW-Authenticate on 401", () => {
    const op = spec.operation("SignalR_CheckGroupExistence")!;
    expect(op.responses.get("404")!.headers).toEqual(["x-ms-error-code"]);
    expect(op.responses.get("404")!.bodySchema).toBeUndefined();
    expect(op.responses.get("401")!.headers).toEqual(["www-authenticate"]);
  });
});

describe("suggestClosest", () => {
  it("suggests a likely typo and nothing for unrelated input", () => {
    const ids = spec.operations.map((o) => o.operationId);
    expect(suggestClosest("SignalR_SendToUsr", ids)).toBe("SignalR_SendToUser");
    expect(suggestClosest("signalr_broadcast", ids)).toBe("SignalR_Broadcast");
    expect(suggestClosest("completely-different", ids)).toBeUndefined();
  });
});

describe("patternedParameter", () => {
  it("finds the declared rule for hub, application and group, and refuses a name without one", () => {
    expect(patternedParameter(spec, "hub").schema.pattern).toBe("^[A-Za-z][A-Za-z0-9_`,.[\\]]{0,127}$");
    expect(patternedParameter(spec, "application").in).toBe("query");
    expect(patternedParameter(spec, "group").regex?.test("   ")).toBe(false);
    expect(() => patternedParameter(spec, "user")).toThrow("the spec declares no pattern for a parameter called user");
  });
});

describe("spec.url", () => {
  const spec = loadSpec();

  it("encodes path values and puts this spec's api-version first, lists repeated", () => {
    expect(spec.url("SignalR_GroupBroadcast", { hub: "chat", group: "a b/c" }, { excluded: ["x", "y"] })).toBe(
      "/api/hubs/chat/groups/a%20b%2Fc/:send?api-version=2022-06-01&excluded=x&excluded=y",
    );
  });

  it("lets the query override or drop the api-version, and leaves out null values", () => {
    expect(spec.url("HealthApi_GetServiceStatus", {}, { "api-version": "2024-12-01" })).toBe(
      "/api/health?api-version=2024-12-01",
    );
    expect(spec.url("HealthApi_GetServiceStatus", {}, { "api-version": null, reason: null })).toBe("/api/health");
  });

  it("names a missing path value and an unknown operation", () => {
    expect(() => spec.url("SignalR_SendToUser", { hub: "chat" })).toThrow(
      "SignalR_SendToUser needs the path parameter user",
    );
    expect(() => spec.url("Nope")).toThrow("the spec (API 2022-06-01) has no operation Nope");
  });

  it("exposes the name rules the spec declares", () => {
    expect(spec.names.hub.test("chat")).toBe(true);
    expect(spec.names.group.test("   ")).toBe(false);
    expect(spec.names.groupMaxLength).toBe(1024);
  });
});
