// Connection strings: parsing every documented form and formatting them back, with clear errors.
import { describe, expect, it } from "vitest";
import { formatConnectionString, parseConnectionString } from "../../src/auth/connection-string.js";
import { HubkitError } from "../../src/errors.js";

const KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
const SECRET_KEY = "s3cr3t/KEY+value==";

function parseError(text: string): HubkitError {
  try {
    parseConnectionString(text);
  } catch (error) {
    expect(error).toBeInstanceOf(HubkitError);
    return error as HubkitError;
  }
  throw new Error("expected parseConnectionString to throw");
}

function expectNoLeak(error: HubkitError, secret: string): void {
  expect(`${error.message} ${error.hint ?? ""}`).not.toContain(secret);
  expect(error.cause).toBeUndefined();
}

describe("parseConnectionString", () => {
  it("parses the emulator's connection string and applies Port", () => {
    expect(parseConnectionString(`Endpoint=http://localhost;Port=8888;AccessKey=${KEY};Version=1.0;`)).toEqual({
      endpoint: "http://localhost:8888",
      accessKey: KEY,
      version: "1.0",
      port: 8888,
    });
  });

  it("parses a service string, keys case-insensitive, values trimmed, trailing slashes removed", () => {
    const info = parseConnectionString(
      ` endpoint = https://demo.service.signalr.net// ; ACCESSKEY=${SECRET_KEY} ;vErSiOn=1.0`,
    );
    expect(info).toEqual({ endpoint: "https://demo.service.signalr.net", accessKey: SECRET_KEY, version: "1.0" });
  });

  it("splits on the first '=' only, so base64 padding stays in the key", () => {
    expect(parseConnectionString("Endpoint=https://a.example;AccessKey=abc==;").accessKey).toBe("abc==");
  });

  it("defaults Version to 1.0, skips segments without '=' and ignores unknown keys", () => {
    const info = parseConnectionString("Endpoint=https://a.example;junk;;AccessKey=k;Whatever=1");
    expect(info).toEqual({ endpoint: "https://a.example", accessKey: "k", version: "1.0" });
  });

  it("keeps an endpoint path and accepts 1.x versions with suffixes", () => {
    const info = parseConnectionString("Endpoint=https://proxy.example/signalr/;AccessKey=k;Version=1.1-preview.2");
    expect(info.endpoint).toBe("https://proxy.example/signalr");
    expect(info.version).toBe("1.1-preview.2");
  });

  it("lets Port override a port written in the endpoint, and drops a default port", () => {
    expect(parseConnectionString("Endpoint=http://h:1234;Port=5678;AccessKey=k").endpoint).toBe("http://h:5678");
    const https = parseConnectionString("Endpoint=https://h;Port=443;AccessKey=k");
    expect(https).toMatchObject({ endpoint: "https://h", port: 443 });
  });

  it("accepts ports 1 and 65535", () => {
    expect(parseConnectionString("Endpoint=http://h;Port=1;AccessKey=k").endpoint).toBe("http://h:1");
    expect(parseConnectionString("Endpoint=http://h;Port=65535;AccessKey=k").endpoint).toBe("http://h:65535");
  });

  it("reads ClientEndpoint and ServerEndpoint, without applying Port to them", () => {
    const info = parseConnectionString(
      "Endpoint=http://h;Port=9;AccessKey=k;ClientEndpoint=https://client.example/;ServerEndpoint=http://server.example:81",
    );
    expect(info.clientEndpoint).toBe("https://client.example");
    expect(info.serverEndpoint).toBe("http://server.example:81");
  });

  it.each([
    [
      "duplicate keys (any case)",
      `Endpoint=http://h;AccessKey=${SECRET_KEY};accesskey=${SECRET_KEY}`,
      /"accesskey" more than once/,
    ],
    ["no endpoint", `AccessKey=${SECRET_KEY};Version=1.0`, /no Endpoint/],
    ["an empty endpoint", `Endpoint=;AccessKey=${SECRET_KEY}`, /no Endpoint/],
    ["a relative endpoint", `Endpoint=localhost:8888;AccessKey=${SECRET_KEY}`, /not an absolute http/],
    ["a non-http endpoint", `Endpoint=ftp://h;AccessKey=${SECRET_KEY}`, /not an absolute http/],
    ["an endpoint with a query", `Endpoint=https://h/?x=1;AccessKey=${SECRET_KEY}`, /without query/],
    ["a bad ClientEndpoint", `Endpoint=https://h;AccessKey=${SECRET_KEY};ClientEndpoint=nope`, /ClientEndpoint "nope"/],
    [
      "a bad ServerEndpoint",
      `Endpoint=https://h;AccessKey=${SECRET_KEY};ServerEndpoint=ws://s`,
      /ServerEndpoint "ws:\/\/s"/,
    ],
    ["port 0", `Endpoint=http://h;Port=0;AccessKey=${SECRET_KEY}`, /Port "0" is invalid/],
    ["port 65536", `Endpoint=http://h;Port=65536;AccessKey=${SECRET_KEY}`, /Port "65536" is invalid/],
    ["a non-numeric port", `Endpoint=http://h;Port=80a;AccessKey=${SECRET_KEY}`, /Port "80a" is invalid/],
    ["a negative port", `Endpoint=http://h;Port=-1;AccessKey=${SECRET_KEY}`, /Port "-1" is invalid/],
    ["version 2.0", `Endpoint=http://h;AccessKey=${SECRET_KEY};Version=2.0`, /Version "2.0" is not supported/],
    ["version 1", `Endpoint=http://h;AccessKey=${SECRET_KEY};Version=1`, /Version "1" is not supported/],
    ["version 1.x", `Endpoint=http://h;AccessKey=${SECRET_KEY};Version=1.x`, /Version "1.x" is not supported/],
    ["no access key", "Endpoint=http://h;Version=1.0", /no AccessKey/],
    ["an empty access key", "Endpoint=http://h;AccessKey=;Version=1.0", /no AccessKey/],
    [
      "AuthType=aad",
      `Endpoint=https://h;AuthType=aad;ClientId=x;ClientSecret=${SECRET_KEY}`,
      /AuthType=aad .*needs an AccessKey/,
    ],
    [
      "AuthType=azure.msi even with a key",
      `Endpoint=https://h;AuthType=azure.msi;AccessKey=${SECRET_KEY}`,
      /Microsoft Entra ID/,
    ],
    ["an unknown AuthType", `Endpoint=https://h;AuthType=magic;AccessKey=${SECRET_KEY}`, /AuthType=magic \(an unknown/],
  ])("rejects %s with E_CONNECTION_STRING and no secret in the message", (_name, text, message) => {
    const error = parseError(text);
    expect(error.code).toBe("E_CONNECTION_STRING");
    expect(error.message).toMatch(message);
    expectNoLeak(error, SECRET_KEY);
  });

  it("redacts the key even where the user pasted it into another value", () => {
    const error = parseError(`Endpoint=https://h ${SECRET_KEY};AccessKey=${SECRET_KEY}`);
    expect(error.message).toContain("***");
    expectNoLeak(error, SECRET_KEY);
    const inVersion = parseError(`Endpoint=https://h;AccessKey=${SECRET_KEY};Version=1.0 AccessKey=${SECRET_KEY}`);
    expectNoLeak(inVersion, SECRET_KEY);
  });

  it("accepts an empty AuthType as access-key auth, like the SDK", () => {
    expect(parseConnectionString("Endpoint=https://h;AuthType=;AccessKey=k").accessKey).toBe("k");
  });
});

describe("formatConnectionString", () => {
  it("prints the emulator's key order with Port split out, and parses back to the same info", () => {
    const info = parseConnectionString(`Endpoint=http://localhost;Port=8888;AccessKey=${KEY};Version=1.0;`);
    const text = formatConnectionString(info);
    expect(text).toBe(`Endpoint=http://localhost;Port=8888;AccessKey=${KEY};Version=1.0;`);
    expect(parseConnectionString(text)).toEqual(info);
  });

  it("keeps an endpoint's own port and path, and round-trips client and server endpoints", () => {
    const info = {
      endpoint: "https://h.example:8443/base",
      accessKey: "k==",
      version: "1.0",
      clientEndpoint: "https://c.example",
      serverEndpoint: "https://s.example",
    };
    const text = formatConnectionString(info);
    expect(text).toBe(
      "Endpoint=https://h.example:8443/base;AccessKey=k==;Version=1.0;ClientEndpoint=https://c.example;ServerEndpoint=https://s.example;",
    );
    expect(parseConnectionString(text)).toEqual(info);
  });

  it("refuses values containing ';' without echoing them", () => {
    let caught: unknown;
    try {
      formatConnectionString({ endpoint: "http://h", accessKey: "a;b-secret", version: "1.0" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HubkitError);
    expect((caught as HubkitError).code).toBe("E_CONNECTION_STRING");
    expect((caught as HubkitError).message).not.toContain("b-secret");
  });
});
