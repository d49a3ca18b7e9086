// Token audiences: the Management SDK's REST form, the client form, and how requests are normalised to them.
import { describe, expect, it } from "vitest";
import {
  clientAudience,
  normalizeAudience,
  requestAudienceBase,
  restAudience,
  sameAudienceBase,
} from "../../src/auth/audience.js";

describe("restAudience (Management SDK form)", () => {
  it("drops the endpoint's port and path and keeps api-version and application", () => {
    expect(restAudience("http://localhost:8888", "/api/hubs/chat/:send?api-version=2022-06-01&application=app")).toBe(
      "http://localhost/api/hubs/chat/:send?api-version=2022-06-01&application=app",
    );
    expect(restAudience("https://Demo.Example:443/base", "/api/health?api-version=2022-06-01")).toBe(
      "https://demo.example/api/health?api-version=2022-06-01",
    );
  });

  it("leaves excluded, reason and ttl out, like the SDK", () => {
    expect(
      restAudience(
        "https://h",
        "/api/hubs/chat/groups/g/:send?api-version=2022-06-01&excluded=a&excluded=b&reason=x&ttl=5&application=app",
      ),
    ).toBe("https://h/api/hubs/chat/groups/g/:send?api-version=2022-06-01&application=app");
    expect(restAudience("https://h", "/api/hubs/chat/:closeConnections?excluded=a")).toBe(
      "https://h/api/hubs/chat/:closeConnections",
    );
  });

  it("adds a missing leading slash", () => {
    expect(restAudience("https://h", "api/health")).toBe("https://h/api/health");
  });
});

describe("clientAudience", () => {
  it("is {scheme}://{host}/client/?hub={lower(hub)} with the port dropped", () => {
    expect(clientAudience("http://localhost:8888", "Chat")).toBe("http://localhost/client/?hub=chat");
  });

  it("prefixes the application like the SDK", () => {
    expect(clientAudience("https://h", "Chat", "App")).toBe("https://h/client/?hub=app_chat");
  });
});

describe("normalizeAudience and requestAudienceBase", () => {
  it("lower-cases scheme and host, drops port, user info, query, fragment and one trailing slash", () => {
    expect(normalizeAudience("HTTPS://User@Demo.Example:8443/api/Hubs/chat/?api-version=1#x")).toEqual({
      base: "https://demo.example/api/Hubs/chat",
      hub: undefined,
    });
    expect(normalizeAudience("https://h")).toEqual({ base: "https://h", hub: undefined });
    expect(normalizeAudience("https://h/")).toEqual({ base: "https://h", hub: undefined });
  });

  it("reads the hub from the query, lower-cased", () => {
    expect(normalizeAudience("https://h/client/?hub=Chat&asrs.op=%2Fx")).toEqual({
      base: "https://h/client",
      hub: "chat",
    });
  });

  it("keeps IPv6 hosts whole", () => {
    expect(normalizeAudience("http://[::1]:8888/api/health")?.base).toBe("http://[::1]/api/health");
    expect(requestAudienceBase({ scheme: "http", host: "[::1]:8888", path: "/api/health" })).toBe(
      "http://[::1]/api/health",
    );
  });

  it("rejects strings that are not absolute URIs", () => {
    expect(normalizeAudience("chat")).toBeUndefined();
    expect(normalizeAudience("://h/x")).toBeUndefined();
    expect(normalizeAudience("https:///x")).toBeUndefined();
  });

  it("normalizes the request side the same way, treating ws/wss as http/https", () => {
    expect(requestAudienceBase({ scheme: "HTTP:", host: "LocalHost:8888", path: "/api/health/?api-version=x" })).toBe(
      "http://localhost/api/health",
    );
    expect(requestAudienceBase({ scheme: "wss", host: "h", path: "/client/" })).toBe("https://h/client");
  });

  it("compares percent-escaped paths by their decoded form, but not paths that differ", () => {
    expect(sameAudienceBase("https://h/api/hubs/chat/groups/a%20b", "https://h/api/hubs/chat/groups/a b")).toBe(true);
    expect(sameAudienceBase("https://h/a%7e", "https://h/a~")).toBe(true);
    expect(sameAudienceBase("https://h/a%20b", "https://h/a%20c")).toBe(false);
    expect(sameAudienceBase("https://h/a%E0%A4%A", "https://h/a%E0%A4%A")).toBe(true);
    expect(sameAudienceBase("https://h/a%E0%A4%A", "https://h/b%E0%A4%A")).toBe(false);
    expect(sameAudienceBase("https://h/x", "https://h/y")).toBe(false);
  });
});
