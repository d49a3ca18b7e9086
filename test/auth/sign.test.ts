// Access tokens hubkit signs: accepted by the verifier, interoperable with jose, and deliberately bad ones.
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { badTokenKinds, badTokenReasons, signBadToken, WRONG_AUDIENCE_PATH } from "../../src/auth/bad-token.js";
import { clientAudience, restAudience, signAccessToken, signClaims } from "../../src/auth/sign.js";
import { createTokenVerifier } from "../../src/auth/verify.js";
import { ManualClock } from "../../src/clock.js";
import { HubkitError } from "../../src/errors.js";

const KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
const keyBytes = new TextEncoder().encode(KEY);
const ENDPOINT = "http://localhost:8888";
const PATH = "/api/hubs/chat/:send?api-version=2022-06-01";
const SEND = { scheme: "http", host: "localhost:8888", path: "/api/hubs/chat/:send" };

describe("signAccessToken", () => {
  it("signs HS256 with header {alg, typ} and aud/exp/iat/nbf from the clock, plus extra claims", async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0, 999));
    const token = await signAccessToken({
      accessKey: KEY,
      audience: restAudience(ENDPOINT, PATH),
      claims: { nameid: "server_1", aud: "ignored", exp: 1 },
      now: clock,
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
    const iat = Date.UTC(2026, 0, 1) / 1000;
    expect(decodeJwt(token)).toEqual({
      nameid: "server_1",
      aud: "http://localhost/api/hubs/chat/:send?api-version=2022-06-01",
      iat,
      nbf: iat,
      exp: iat + 3600,
    });
  });

  it("verifies with jose's jwtVerify (an independent implementation) using the key's UTF-8 bytes", async () => {
    const audience = clientAudience(ENDPOINT, "chat");
    const token = await signAccessToken({ accessKey: KEY, audience, expiresInSeconds: 60 });
    const { payload } = await jwtVerify(token, keyBytes, { algorithms: ["HS256"], audience });
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it("accepts an array audience", async () => {
    const token = await signAccessToken({ accessKey: KEY, audience: ["https://a/x", "https://b/y"] });
    expect(decodeJwt(token).aud).toEqual(["https://a/x", "https://b/y"]);
  });

  it("refuses an empty key and a non-finite lifetime", async () => {
    await expect(signAccessToken({ accessKey: "", audience: "https://a" })).rejects.toThrow(HubkitError);
    await expect(
      signAccessToken({ accessKey: KEY, audience: "https://a", expiresInSeconds: Number.NaN }),
    ).rejects.toMatchObject({ code: "E_TOKEN_OPTIONS" });
  });

  it("signClaims signs exactly the payload with the chosen algorithm", async () => {
    const token = await signClaims({ accessKey: KEY, payload: { a: 1 }, algorithm: "HS512" });
    expect(decodeProtectedHeader(token).alg).toBe("HS512");
    expect(decodeJwt(token)).toEqual({ a: 1 });
  });
});

describe("tokens signed by jose directly pass the hubkit verifier", () => {
  it("accepts a jose-signed SDK-style token (with kid and nameid)", async () => {
    const { SignJWT } = await import("jose");
    const token = await new SignJWT({ nameid: "host_abc" })
      .setProtectedHeader({ alg: "HS256", kid: "-123456", typ: "JWT" })
      .setAudience(restAudience(ENDPOINT, PATH))
      .setIssuedAt()
      .setNotBefore("0s")
      .setExpirationTime("1h")
      .sign(keyBytes);
    const result = createTokenVerifier({ accessKeys: [KEY] }).verifyRest(`Bearer ${token}`, SEND);
    expect(result).toMatchObject({ ok: true, userId: "host_abc" });
  });
});

describe("signBadToken", () => {
  const clock = new ManualClock();
  const options = { accessKey: KEY, audience: restAudience(ENDPOINT, PATH), now: clock };

  it.each(badTokenKinds)("%s is refused by the hubkit verifier with the documented reason", async (kind) => {
    const token = await signBadToken(kind, options);
    const result = createTokenVerifier({ accessKeys: [KEY], clock }).verifyRest(`Bearer ${token}`, SEND);
    expect(result).toMatchObject({ ok: false, reason: badTokenReasons[kind] });
  });

  it.each(badTokenKinds)("%s is refused by jose's jwtVerify too", async (kind) => {
    const token = await signBadToken(kind, options);
    const currentDate = new Date(clock.now());
    await expect(
      jwtVerify(token, keyBytes, {
        algorithms: ["HS256"],
        audience: options.audience,
        requiredClaims: ["exp"],
        currentDate,
      }),
    ).rejects.toBeInstanceOf(errors.JOSEError);
  });

  it("changes only the named property", async () => {
    const good = decodeJwt(await signAccessToken(options));
    const expired = decodeJwt(await signBadToken("expired", options));
    expect(expired.exp).toBeLessThan(clock.now() / 1000);
    expect(expired.aud).toBe(good.aud);
    const wrongAudience = decodeJwt(await signBadToken("wrong-audience", options));
    expect(wrongAudience.aud).toBe(`http://localhost${WRONG_AUDIENCE_PATH}`);
    expect(wrongAudience.exp).toBe(good.exp);
    expect(decodeJwt(await signBadToken("missing-exp", options)).exp).toBeUndefined();
    expect(decodeProtectedHeader(await signBadToken("wrong-algorithm", options)).alg).toBe("HS512");
    const wrongKey = await signBadToken("wrong-key", options);
    expect(decodeJwt(wrongKey)).toEqual(good);
    await expect(jwtVerify(wrongKey, new TextEncoder().encode(KEY))).rejects.toBeInstanceOf(
      errors.JWSSignatureVerificationFailed,
    );
  });

  it("picks another wrong key when the real key equals the default wrong key, and a fallback wrong audience", async () => {
    const key = "hubkit-wrong-key-0000000000000000000000000000";
    const token = await signBadToken("wrong-key", { ...options, accessKey: key });
    await expect(jwtVerify(token, new TextEncoder().encode(key))).rejects.toBeInstanceOf(errors.JOSEError);
    const odd = await signBadToken("wrong-audience", { ...options, audience: "not-a-url" });
    expect(decodeJwt(odd).aud).toBe(`https://wrong-audience.invalid${WRONG_AUDIENCE_PATH}`);
  });
});
