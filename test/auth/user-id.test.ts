// userIdFromClaims: which JWT claim becomes the SignalR user id.
import { describe, expect, it } from "vitest";
import { userIdFromClaims } from "../../src/auth/user-id.js";

const NAME_IDENTIFIER = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

describe("userIdFromClaims", () => {
  it("prefers asrs.s.uid, then nameid, then the NameIdentifier URI, then sub", () => {
    const all = { sub: "s", [NAME_IDENTIFIER]: "n-uri", nameid: "n", "asrs.s.uid": "u" };
    expect(userIdFromClaims(all)).toBe("u");
    expect(userIdFromClaims({ ...all, "asrs.s.uid": undefined })).toBe("n");
    expect(userIdFromClaims({ sub: "s", [NAME_IDENTIFIER]: "n-uri" })).toBe("n-uri");
    expect(userIdFromClaims({ sub: "s" })).toBe("s");
  });

  it("takes the first string of an array claim and skips empty or non-string values", () => {
    expect(userIdFromClaims({ nameid: ["first", "second"] })).toBe("first");
    expect(userIdFromClaims({ "asrs.s.uid": "", nameid: 5, sub: "s" })).toBe("s");
  });

  it("returns undefined without any user claim, and keeps case", () => {
    expect(userIdFromClaims({ aud: "x" })).toBeUndefined();
    expect(userIdFromClaims({ sub: "Alice" })).toBe("Alice");
  });
});
