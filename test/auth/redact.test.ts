// Redaction of connection strings, secrets, tokens and auth schemes before anything reaches a log or report.
import { describe, expect, it } from "vitest";
import {
  isSecretName,
  redactAuthSchemes,
  redactConnectionString,
  redactCredentials,
  redactHeaders,
  redactSecrets,
  redactTokens,
} from "../../src/auth/redact.js";

/** What the mock and the live service answer on 401 (signalr-rest-facts Part 1, "Auth (REST)"). */
const CHALLENGES = [
  "Bearer",
  'Bearer error="invalid_token", error_description="The token is expired"',
  'Bearer error="invalid_token", error_description="The signature is invalid"',
  'Bearer error="invalid_token", error_description="The audience is invalid"',
  'Bearer realm="hubkit", error="insufficient_scope", scope="https://signalr.azure.com/.default"',
];
/** 40 token68 characters with no JWT shape: only the scheme rule can find it. */
const OPAQUE_TOKEN = "Zm9vYmFyYmF6cXV4-0123456789_abcdefghij.k";
const SAS_SIG = "Xk3b%2FQ9aT0pLz8w%2BYt1Rc4mN6vH2sJ7eD5fG0hI%3D";
const SAS = `SharedAccessSignature sr=https%3A%2F%2Fcontoso.servicebus.windows.net%2Fhub&sig=${SAS_SIG}&se=1893456000&skn=RootManageSharedAccessKey`;

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

describe("redactAuthSchemes", () => {
  it.each(CHALLENGES)("leaves the challenge %s intact", (challenge) => {
    expect(redactAuthSchemes(challenge)).toBe(challenge);
    expect(redactCredentials(`www-authenticate: ${challenge}`)).toBe(`www-authenticate: ${challenge}`);
  });

  it("leaves prose that names a scheme intact", () => {
    const title = "every operation but health answers 401 with a bare Bearer challenge when the token is missing";
    expect(redactCredentials(title)).toBe(title);
    expect(redactCredentials("Basic authentication is not supported; use a Bearer token")).toBe(
      "Basic authentication is not supported; use a Bearer token",
    );
  });

  it("hides an opaque token68 of 16 or more characters after Bearer or Basic, padding included", () => {
    expect(OPAQUE_TOKEN).toHaveLength(40);
    expect(redactAuthSchemes(`sent Bearer ${OPAQUE_TOKEN} to the hub`)).toBe("sent Bearer *** to the hub");
    expect(redactAuthSchemes("Basic dXNlcjpwYXNzd29yZDEyMw==, then")).toBe("Basic ***, then");
    expect(redactAuthSchemes('{"authorization":"bearer dXNlcjpwYXNzd29yZDEyMw="}')).toBe(
      '{"authorization":"bearer ***"}',
    );
  });

  it("treats name=value after a scheme as an auth-param however long the name", () => {
    const challenge = 'Bearer error_description_in_full="The token is expired", error_uri_of_the_docs=https://x';
    expect(redactAuthSchemes(challenge)).toBe(challenge);
  });

  it("hides a SharedAccessSignature by its sig= parameter", () => {
    expect(redactAuthSchemes(`header ${SAS} end`)).toBe("header SharedAccessSignature *** end");
    expect(redactCredentials(`Authorization: ${SAS}`)).toBe("Authorization: SharedAccessSignature ***");
  });
});

describe("redactCredentials", () => {
  it.each([
    ["a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl here", "*** here"],
    [
      "a short token in an Authorization header",
      "Authorization: Bearer abc rejected",
      "Authorization: Bearer *** rejected",
    ],
    ["an opaque Authorization value", "proxy-authorization: SharedKey abc", "proxy-authorization: ***"],
    ["AccessKey=", "Endpoint=x;AccessKey=k;Version=1.0;", "Endpoint=x;AccessKey=***;Version=1.0;"],
    ["access_token=", "/client/?hub=chat&access_token=abc&x=1", "/client/?hub=chat&access_token=***&x=1"],
    ["sig= in a query", `https://x/?sr=a&sig=${SAS_SIG}&se=1`, "https://x/?sr=a&sig=***&se=1"],
    ["a JSON accessToken", '{"accessToken":"opaque"}', '{"accessToken":"***"}'],
    ["a URL password", "https://user:hunter2@example.com/x", "https://user:***@example.com/x"],
  ])("hides %s", (_, input, output) => {
    expect(redactCredentials(input)).toBe(output);
    expect(redactCredentials(output)).toBe(output);
  });
});

describe("isSecretName and redactHeaders", () => {
  it("knows credential names in any case and nothing else", () => {
    for (const name of ["Authorization", "proxy-authorization", "Cookie", "accessToken", "access_key", "sig"]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ["www-authenticate", "content-type", "token-type", "signal"]) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it("blanks credential headers and JWTs elsewhere, keeps challenges, leaves the input alone", () => {
    const headers = {
      authorization: `Bearer ${OPAQUE_TOKEN}`,
      "x-forwarded-token": "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl",
      "www-authenticate": CHALLENGES[1]!,
    };
    expect(redactHeaders(headers)).toEqual({
      authorization: "***",
      "x-forwarded-token": "***",
      "www-authenticate": CHALLENGES[1],
    });
    expect(headers.authorization).toBe(`Bearer ${OPAQUE_TOKEN}`);
  });
});
