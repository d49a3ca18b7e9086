// TokenSigner: the tokens targets attach to REST calls.
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createTokenVerifier } from "../../src/auth/index.js";
import { TokenSigner } from "../../src/targets/token-signer.js";

const KEY = "test-access-key-0123456789";
const signer = new TokenSigner("https://x.service.signalr.net", KEY);
const verifier = createTokenVerifier({ accessKeys: [KEY], cacheSize: 0 });
const REST = { scheme: "https", host: "x.service.signalr.net", path: "/api/hubs/chat/:send" };

describe("TokenSigner", () => {
  it("signs REST tokens with the Management SDK's audience (query kept except excluded/reason/ttl)", async () => {
    const header = await signer.rest("valid", "/api/hubs/chat/:send?api-version=2022-06-01&excluded=a");
    expect(header).toMatch(/^Bearer /);
    expect(decodeJwt(header!.slice(7)).aud).toBe(
      "https://x.service.signalr.net/api/hubs/chat/:send?api-version=2022-06-01",
    );
    expect(verifier.verifyRest(header, REST).ok).toBe(true);
  });

  it("reuses a valid token for the same audience", async () => {
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    expect(await signer.rest("valid", path)).toBe(await signer.rest("valid", path));
  });

  it("sends nothing for auth: none, and tokens the service must refuse for the bad kinds", async () => {
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    expect(await signer.rest("none", path)).toBeUndefined();
    const reasons: Record<string, string> = {};
    for (const kind of [
      "expired",
      "wrong-key",
      "wrong-audience",
      "missing-exp",
      "wrong-algorithm",
      "tampered",
      "malformed",
    ] as const) {
      const result = verifier.verifyRest(await signer.rest(kind, path), REST);
      reasons[kind] = result.ok ? "accepted" : result.reason;
    }
    expect(reasons).toEqual({
      expired: "expired",
      "wrong-key": "signature",
      "wrong-audience": "audience",
      "missing-exp": "expired",
      "wrong-algorithm": "signature",
      tampered: "signature",
      malformed: "malformed",
    });
  });

  it("merges explicit claims over the defaults and drops the ones set to null", async () => {
    const header = await signer.rest(
      { claims: { aud: "https://other.example/x", exp: null, role: "r" } },
      "/api/health",
    );
    const claims = decodeJwt(header!.slice(7));
    expect(claims).toMatchObject({ aud: "https://other.example/x", role: "r" });
    expect(claims.exp).toBeUndefined();
    expect(claims.iat).toEqual(expect.any(Number));
  });

  it("signs client tokens for <endpoint>/client/?hub=<app_hub> with the user claim", async () => {
    const token = await signer.client({ auth: "valid", hub: "Chat", application: "App", claims: { nameid: "alice" } });
    expect(decodeJwt(token!)).toMatchObject({
      aud: "https://x.service.signalr.net/client/?hub=app_chat",
      nameid: "alice",
    });
    const result = verifier.verifyClient(token, { scheme: "https", host: "x.service.signalr.net", hub: "app_chat" });
    expect(result).toMatchObject({ ok: true, userId: "alice" });
  });
});
