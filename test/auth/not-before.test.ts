// `nbf` is enforced like `exp`: by the injected clock, with the same (zero) clock-skew allowance, cached or not.
import { describe, expect, it } from "vitest";
import { signClaims } from "../../src/auth/index.js";
import { createTokenVerifier } from "../../src/auth/verify.js";
import { ManualClock } from "../../src/clock.js";

const KEY = "not-before-test-key";
const REQUEST = { scheme: "http", host: "localhost", path: "/api/health" };

async function setup(nbfOffsetSeconds: number) {
  const clock = new ManualClock();
  const verifier = createTokenVerifier({ accessKeys: [KEY], clock });
  const now = Math.floor(clock.now() / 1000);
  const token = await signClaims({
    accessKey: KEY,
    payload: { aud: "http://localhost/api/health", exp: now + 3600, nbf: now + nbfOffsetSeconds },
  });
  return { clock, verify: () => verifier.verifyRest(`Bearer ${token}`, REQUEST) };
}

describe("not before (nbf)", () => {
  it("a token whose nbf is in the future is refused with a challenge that says so", async () => {
    const { verify } = await setup(60);
    expect(verify()).toMatchObject({
      ok: false,
      reason: "notYetValid",
      challenge: 'Bearer error="invalid_token", error_description="The token is not valid yet"',
    });
  });

  it("becomes valid once the clock reaches nbf, even after it was refused (nothing cached wrongly)", async () => {
    const { verify, clock } = await setup(60);
    expect(verify().ok).toBe(false);
    clock.advance(59_000);
    expect(verify().ok).toBe(false);
    clock.advance(1_000);
    expect(verify().ok).toBe(true);
  });

  it("a token valid now is refused again if the clock moves back before nbf (checked on every use)", async () => {
    const { verify, clock } = await setup(0);
    expect(verify().ok).toBe(true);
    clock.advance(-1_000);
    expect(verify().ok).toBe(false);
  });

  it("a non-numeric nbf makes the token malformed", async () => {
    const clock = new ManualClock();
    const verifier = createTokenVerifier({ accessKeys: [KEY], clock });
    const token = await signClaims({
      accessKey: KEY,
      payload: {
        aud: "http://localhost/api/health",
        exp: Math.floor(clock.now() / 1000) + 60,
        nbf: "soon" as unknown as number,
      },
    });
    expect(verifier.verifyRest(`Bearer ${token}`, REQUEST)).toMatchObject({ ok: false, reason: "malformed" });
  });
});
