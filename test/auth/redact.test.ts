import { describe, expect, it } from "vitest";
import { redactConnectionString, redactSecrets, redactTokens } from "../../src/auth/redact.js";

describe("redactConnectionString", () => {
  it("hides the AccessKey value and keeps everything else", () => {
    expect(redactConnectionString("Endpoint=http://localhost;Port=8888;AccessKey=ABC+/def==;Version=1.0;")).toBe(
      "Endpoint=http://localhost;Port=8888;AccessKey=***;Version=1.0;",
    );
  });

  it("matches the key name case-insensitively, with spaces, and also hides ClientSecret", () => {
    expect(redactConnectionString("endpoint=x; accesskey = k1 ;clientSECRET=k2")).toBe(
      "endpoint=x; accesskey =***;clientSECRET=***",
    );
  });

  it("works inside other text and stops at the line end", () => {
    const text = 'conn "Endpoint=h;AccessKey=abc def" used\nnext line';
    const redacted = redactConnectionString(text);
    expect(redacted).not.toContain("abc");
    expect(redacted).not.toContain("def");
    expect(redacted).toContain("\nnext line");
  });

  it("redacts every occurrence", () => {
    expect(redactConnectionString("AccessKey=a;AccessKey=b")).toBe("AccessKey=***;AccessKey=***");
  });
});

describe("redactSecrets", () => {
  it("replaces every occurrence of each secret, longest first", () => {
    expect(redactSecrets("key abcdef and abc and abcdef", ["abc", "abcdef"])).toBe("key *** and *** and ***");
  });

  it("ignores empty secrets", () => {
    expect(redactSecrets("unchanged", ["", ""])).toBe("unchanged");
  });
});

describe("redactTokens", () => {
  it("hides JWTs, for example in an Authorization header", () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";
    expect(redactTokens(`Authorization: Bearer ${token}\n`)).toBe("Authorization: Bearer ***\n");
  });

  it("leaves ordinary text alone", () => {
    expect(redactTokens("api-version=2022-06-01 hub.group.name")).toBe("api-version=2022-06-01 hub.group.name");
  });
});
