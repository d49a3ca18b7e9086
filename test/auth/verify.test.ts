// Token verification for REST and client requests: keys, audiences, expiry, bearer parsing.
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { restAudience } from "../../src/auth/audience.js";
import { MAX_TOKEN_LENGTH } from "../../src/auth/jwt-hs256.js";
import { signAccessToken, signClaims } from "../../src/auth/sign.js";
import { createTokenVerifier, readBearerToken } from "../../src/auth/verify.js";
import { ManualClock } from "../../src/clock.js";
import { HubkitError } from "../../src/errors.js";

const PRIMARY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
const SECONDARY = "secondary-key-0123456789";
const SEND = { scheme: "http", host: "localhost:8888", path: "/api/hubs/chat/:send" };
const SEND_AUD = "http://localhost/api/hubs/chat/:send?api-version=2022-06-01";

function setup() {
  const clock = new ManualClock();
  const verifier = createTokenVerifier({ accessKeys: [PRIMARY, SECONDARY], clock });
  const sign = (audience: string | string[], extra: { key?: string; claims?: Record<string, unknown> } = {}) =>
    signAccessToken({ accessKey: extra.key ?? PRIMARY, audience, claims: extra.claims, now: clock });
  return { clock, verifier, sign };
}

const challenge = (description: string) => `Bearer error="invalid_token", error_description="${description}"`;

describe("createTokenVerifier", () => {
  it("refuses an empty key list or an empty key", () => {
    expect(() => createTokenVerifier({ accessKeys: [] })).toThrow(HubkitError);
    expect(() => createTokenVerifier({ accessKeys: [PRIMARY, ""] })).toThrow(/no key may be empty/);
  });
});

describe("verifyRest", () => {
  it("accepts a token for the SDK audience (query in aud, port dropped) and returns its claims", async () => {
    const { verifier, sign } = setup();
    const token = await sign(SEND_AUD, { claims: { nameid: "server_1" } });
    const result = verifier.verifyRest(`Bearer ${token}`, SEND);
    expect(result).toMatchObject({ ok: true, userId: "server_1", claims: { aud: SEND_AUD, nameid: "server_1" } });
  });

  it("answers a missing header, another scheme or an empty bearer with a bare Bearer challenge", () => {
    const { verifier } = setup();
    for (const header of [undefined, "", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer    "]) {
      expect(verifier.verifyRest(header, SEND)).toEqual({ ok: false, reason: "missing", challenge: "Bearer" });
    }
  });

  it("reads the Bearer scheme case-insensitively", async () => {
    const { verifier, sign } = setup();
    expect(verifier.verifyRest(`bearer ${await sign(SEND_AUD)}`, SEND).ok).toBe(true);
  });

  it.each([
    ["not a JWT", "not-a-jwt"],
    ["two parts", "eyJhbGciOiJIUzI1NiJ9.eyJ9"],
    ["bad characters", "eyJ!.eyJ.abc"],
    ["a header that is not JSON", `${Buffer.from("nope").toString("base64url")}.e30.c2ln`],
    ["a header that is a JSON array", `${Buffer.from("[1]").toString("base64url")}.e30.c2ln`],
    ["a critical header", `${Buffer.from('{"alg":"HS256","crit":["b64"]}').toString("base64url")}.e30.c2ln`],
  ])("rejects %s as malformed", (_name, token) => {
    const { verifier } = setup();
    expect(verifier.verifyRest(`Bearer ${token}`, SEND)).toEqual({
      ok: false,
      reason: "malformed",
      challenge: challenge("The token is malformed"),
    });
  });

  it("rejects a payload that is not a JSON object even with a valid signature", async () => {
    const { verifier } = setup();
    const jws = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(PRIMARY));
    const [header] = jws.split(".");
    const { createHmac } = await import("node:crypto");
    const payload = Buffer.from("[1,2]").toString("base64url");
    const signature = createHmac("sha256", PRIMARY).update(`${header}.${payload}`).digest("base64url");
    expect(verifier.verifyRest(`Bearer ${header}.${payload}.${signature}`, SEND).ok).toBe(false);
    expect(verifier.verifyRest(`Bearer ${header}.${payload}.${signature}`, SEND)).toMatchObject({
      reason: "malformed",
    });
  });

  it("rejects a non-numeric exp or a non-string aud as malformed", async () => {
    const { verifier } = setup();
    const badExp = await signClaims({
      accessKey: PRIMARY,
      payload: { aud: SEND_AUD, exp: "soon" as unknown as number },
    });
    const badAud = await signClaims({
      accessKey: PRIMARY,
      payload: { aud: [SEND_AUD, 5] as unknown as string[], exp: 2e9 },
    });
    expect(verifier.verifyRest(`Bearer ${badExp}`, SEND)).toMatchObject({ reason: "malformed" });
    expect(verifier.verifyRest(`Bearer ${badAud}`, SEND)).toMatchObject({ reason: "malformed" });
  });

  it("rejects tokens over 16 KB as malformed before checking anything else", async () => {
    const { verifier, sign } = setup();
    const big = await sign(SEND_AUD, { claims: { pad: "x".repeat(MAX_TOKEN_LENGTH) } });
    expect(big.length).toBeGreaterThan(MAX_TOKEN_LENGTH);
    expect(verifier.verifyRest(`Bearer ${big}`, SEND)).toMatchObject({ reason: "malformed" });
    const fits = await sign(SEND_AUD, { claims: { pad: "x".repeat(10_000) } });
    expect(verifier.verifyRest(`Bearer ${fits}`, SEND).ok).toBe(true);
  });

  it("rejects a wrong key with the signature challenge and accepts the second key", async () => {
    const { verifier, sign } = setup();
    const wrong = await sign(SEND_AUD, { key: "not-a-configured-key" });
    expect(verifier.verifyRest(`Bearer ${wrong}`, SEND)).toEqual({
      ok: false,
      reason: "signature",
      challenge: challenge("The signature is invalid"),
    });
    expect(verifier.verifyRest(`Bearer ${await sign(SEND_AUD, { key: SECONDARY })}`, SEND).ok).toBe(true);
  });

  it("takes the key's UTF-8 bytes, not its base64 decoding", async () => {
    const key = "w+Iñtërnâtiônàlizætiøn=";
    const verifier = createTokenVerifier({ accessKeys: [key] });
    const token = await new SignJWT({ aud: SEND_AUD, exp: Math.floor(Date.now() / 1000) + 600 })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(Buffer.from(key, "utf8"));
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
  });

  it("accepts only HS256 (HS384, HS512 and unsigned tokens are signature failures)", async () => {
    const { verifier } = setup();
    const payload = { aud: SEND_AUD, exp: 2e9 };
    for (const algorithm of ["HS384", "HS512"] as const) {
      const token = await signClaims({ accessKey: PRIMARY, payload, algorithm });
      expect(verifier.verifyRest(`Bearer ${token}`, SEND)).toMatchObject({ reason: "signature" });
    }
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.x`;
    expect(verifier.verifyRest(`Bearer ${none}`, SEND)).toMatchObject({ reason: "signature" });
  });

  it("rejects a signature with an extra character (non-canonical encoding)", async () => {
    const { verifier, sign } = setup();
    const token = await sign(SEND_AUD);
    expect(verifier.verifyRest(`Bearer ${token}A`, SEND)).toMatchObject({ reason: "signature" });
  });

  it("expires tokens by the injected clock, also after the token was cached", async () => {
    const { verifier, sign, clock } = setup();
    const token = await sign(SEND_AUD);
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
    clock.advance(3599_000);
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
    clock.advance(1_000);
    expect(verifier.verifyRest(`Bearer ${token}`, SEND)).toEqual({
      ok: false,
      reason: "expired",
      challenge: challenge("The token is expired"),
    });
    expect(verifier.verifyRest(`Bearer ${token}`, SEND)).toMatchObject({ reason: "expired" });
  });

  it("rejects a token without exp", async () => {
    const { verifier } = setup();
    const token = await signClaims({ accessKey: PRIMARY, payload: { aud: SEND_AUD } });
    expect(verifier.verifyRest(`Bearer ${token}`, SEND)).toEqual({
      ok: false,
      reason: "expired",
      challenge: challenge("The token has no expiration"),
    });
  });

  it("checks nbf (as ASP.NET's lifetime validation does) but not iat", async () => {
    const { verifier } = setup();
    const iatLater = await signClaims({ accessKey: PRIMARY, payload: { aud: SEND_AUD, exp: 2e9, iat: 2e9 - 1 } });
    expect(verifier.verifyRest(`Bearer ${iatLater}`, SEND).ok).toBe(true);
    const nbfLater = await signClaims({ accessKey: PRIMARY, payload: { aud: SEND_AUD, exp: 2e9, nbf: 2e9 - 1 } });
    expect(verifier.verifyRest(`Bearer ${nbfLater}`, SEND)).toMatchObject({ ok: false, reason: "notYetValid" });
  });

  it.each([
    ["the docs form (no query)", "http://localhost/api/hubs/chat/:send"],
    ["a port in aud", "http://localhost:8888/api/hubs/chat/:send"],
    ["another port in aud", "http://localhost:1/api/hubs/chat/:send?api-version=2022-06-01"],
    ["a trailing slash", "http://localhost/api/hubs/chat/:send/"],
    ["a trailing slash before the query", "http://localhost/api/hubs/chat/:send/?api-version=2022-06-01"],
    ["upper-case scheme and host", "HTTP://LOCALHOST/api/hubs/chat/:send"],
    ["an array with one match", ["https://elsewhere/x", "http://localhost/api/hubs/chat/:send"]],
  ])("accepts an audience with %s", async (_name, aud) => {
    const { verifier, sign } = setup();
    expect(verifier.verifyRest(`Bearer ${await sign(aud)}`, SEND).ok).toBe(true);
  });

  it("ignores the request's port, query and trailing slash too", async () => {
    const { verifier, sign } = setup();
    const token = await sign(SEND_AUD);
    const request = { scheme: "HTTP", host: "LOCALHOST", path: "/api/hubs/chat/:send/?api-version=2022-06-01&x=1" };
    expect(verifier.verifyRest(`Bearer ${token}`, request).ok).toBe(true);
  });

  it.each([
    ["another path", "http://localhost/api/hubs/chat/users/u/:send"],
    ["a hub-prefix audience", "http://localhost/api/hubs/chat"],
    ["another host", "http://127.0.0.1/api/hubs/chat/:send"],
    ["another scheme", "https://localhost/api/hubs/chat/:send"],
    ["path case differences", "http://localhost/api/hubs/Chat/:send"],
    ["two trailing slashes", "http://localhost/api/hubs/chat/:send//"],
    ["an array with no match", ["http://localhost/x", "http://localhost/y"]],
    ["an empty array", []],
    ["a relative aud", "/api/hubs/chat/:send"],
  ])("rejects an audience with %s", async (_name, aud) => {
    const { verifier, sign } = setup();
    expect(verifier.verifyRest(`Bearer ${await sign(aud)}`, SEND)).toEqual({
      ok: false,
      reason: "audience",
      challenge: challenge("The audience is invalid"),
    });
  });

  it("rejects a token without aud", async () => {
    const { verifier } = setup();
    const token = await signClaims({ accessKey: PRIMARY, payload: { exp: 2e9 } });
    expect(verifier.verifyRest(`Bearer ${token}`, SEND)).toMatchObject({ reason: "audience" });
  });

  it("checks the audience on every call even when the token is cached", async () => {
    const { verifier, sign } = setup();
    const token = await sign(SEND_AUD);
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
    expect(verifier.verifyRest(`Bearer ${token}`, { ...SEND, path: "/api/hubs/other/:send" })).toMatchObject({
      reason: "audience",
    });
  });

  it("never lets another token borrow a cached token's signature", async () => {
    const { verifier, sign } = setup();
    const token = await sign(SEND_AUD);
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
    const [, , signature] = token.split(".");
    const other = (await sign(SEND_AUD, { key: "attacker" })).split(".");
    const forged = `${other[0]}.${other[1]}x.${signature}`;
    expect(verifier.verifyRest(`Bearer ${forged}`, SEND)).toMatchObject({ ok: false });
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
  });

  it("works with the cache disabled", async () => {
    const verifier = createTokenVerifier({ accessKeys: [PRIMARY], cacheSize: 0 });
    const token = await signAccessToken({ accessKey: PRIMARY, audience: SEND_AUD });
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
    expect(verifier.verifyRest(`Bearer ${token}`, SEND).ok).toBe(true);
  });

  it("round-trips SDK-form audiences with a query, and /api/health", async () => {
    const { verifier, clock } = setup();
    const endpoint = "http://localhost:8888";
    const cases = [
      "/api/hubs/chat/groups/g%201/:send?api-version=2022-06-01&application=app&excluded=c1",
      "/api/hubs/chat/users/u1/groups/g?api-version=2022-06-01&ttl=30",
      "/api/health?api-version=2022-06-01",
      "/api/health",
    ];
    for (const pathAndQuery of cases) {
      const token = await signAccessToken({
        accessKey: PRIMARY,
        audience: restAudience(endpoint, pathAndQuery),
        now: clock,
      });
      const result = verifier.verifyRest(`Bearer ${token}`, {
        scheme: "http",
        host: "localhost:8888",
        path: pathAndQuery,
      });
      expect(result.ok, pathAndQuery).toBe(true);
    }
  });
});

describe("verifyClient", () => {
  const CLIENT = { scheme: "http", host: "localhost:8888", hub: "chat" };

  it("accepts the client audience, comparing the hub case-insensitively and ignoring other query values", async () => {
    const { verifier, sign } = setup();
    const token = await sign("http://localhost/client/?hub=Chat&asrs.op=%2Fchat", {
      claims: { "asrs.s.uid": "alice" },
    });
    const result = verifier.verifyClient(token, { ...CLIENT, hub: "CHAT" });
    expect(result).toMatchObject({ ok: true, userId: "alice" });
  });

  it("accepts wss requests and the path without its trailing slash", async () => {
    const { verifier, sign } = setup();
    expect(
      verifier.verifyClient(await sign("http://localhost:8888/client?hub=chat"), { ...CLIENT, scheme: "ws" }).ok,
    ).toBe(true);
  });

  it("rejects another hub, a missing hub and another path", async () => {
    const { verifier, sign } = setup();
    for (const aud of [
      "http://localhost/client/?hub=other",
      "http://localhost/client/",
      "http://localhost/client/?hubs=chat",
      "http://localhost/api/hubs/chat?hub=chat",
    ]) {
      expect(verifier.verifyClient(await sign(aud), CLIENT), aud).toMatchObject({ reason: "audience" });
    }
  });

  it("honours a custom client path", async () => {
    const { verifier, sign } = setup();
    const token = await sign("http://localhost/prefix/client/?hub=chat");
    expect(verifier.verifyClient(token, { ...CLIENT, path: "/prefix/client/" }).ok).toBe(true);
    expect(verifier.verifyClient(token, CLIENT)).toMatchObject({ reason: "audience" });
  });

  it("takes a raw token: missing, malformed, wrong key and expired fail as for REST", async () => {
    const { verifier, sign, clock } = setup();
    const aud = "http://localhost/client/?hub=chat";
    expect(verifier.verifyClient(undefined, CLIENT)).toMatchObject({ reason: "missing", challenge: "Bearer" });
    expect(verifier.verifyClient("", CLIENT)).toMatchObject({ reason: "missing" });
    const token = await sign(aud);
    expect(verifier.verifyClient(`Bearer ${token}`, CLIENT)).toMatchObject({ reason: "malformed" });
    expect(verifier.verifyClient(await sign(aud, { key: "other" }), CLIENT)).toMatchObject({ reason: "signature" });
    clock.advance(3600_000);
    expect(verifier.verifyClient(token, CLIENT)).toMatchObject({ reason: "expired" });
  });
});

describe("readBearerToken", () => {
  it("extracts the token and trims it", () => {
    expect(readBearerToken("Bearer abc ")).toBe("abc");
    expect(readBearerToken("BEARER abc")).toBe("abc");
    expect(readBearerToken("Bearerabc")).toBeUndefined();
    expect(readBearerToken(undefined)).toBeUndefined();
  });
});
