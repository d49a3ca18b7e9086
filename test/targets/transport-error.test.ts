// A server that refuses an upload and closes while hubkit is still sending: hubkit keeps the answer if one arrived,
// and otherwise reports a titled transport error, never a bare `write EPIPE`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { describeStepError } from "../../src/runner/step-error.js";
import { createHttpTarget } from "../../src/targets/http-target.js";
import { TransportError } from "../../src/targets/transport-error.js";

const TWO_MIB = "a".repeat(2 * 1024 * 1024);
const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function upload(endpoint: string) {
  const target = createHttpTarget({ kind: "live", endpoint, accessKey: "k".repeat(44) });
  try {
    return await target.request({
      method: "POST",
      pathAndQuery: "/api/hubs/chat/:send?api-version=2022-06-01",
      headers: { "content-type": "application/json" },
      body: TWO_MIB,
      auth: "valid",
    });
  } finally {
    await target.close();
  }
}

describe("a server that closes during the upload", () => {
  it("answers 413 and destroys the socket: the 413 is the response", async () => {
    const endpoint = await serve((req, res) => {
      res.writeHead(413, { "content-type": "application/json", connection: "close" });
      res.end('{"code":"Error.Request.TooLarge"}', () => req.socket.destroy());
    });
    const response = await upload(endpoint);
    expect(response.status).toBe(413);
    expect(response.body).toBe('{"code":"Error.Request.TooLarge"}');
  });

  it("answers 413 and resets mid-answer: the status, headers and the body so far are kept", async () => {
    const endpoint = await serve((req, res) => {
      res.writeHead(413, { "content-type": "application/json", "content-length": "100", "x-ms-error-code": "E" });
      res.write('{"code":', () => req.socket.resetAndDestroy());
    });
    const response = await upload(endpoint);
    expect(response).toMatchObject({ status: 413, headers: { "x-ms-error-code": "E" }, body: '{"code":' });
  });

  it("resets without an answer: a titled transport error that names the upload, with a suggested fix", async () => {
    const endpoint = await serve((req) => req.socket.resetAndDestroy());
    const error = await upload(endpoint).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    const described = describeStepError(error);
    expect(described.title).toBe("Connection closed during upload");
    expect(described.message).toMatch(
      /closed the connection \((ECONNRESET|EPIPE|UND_ERR_SOCKET)\) while hubkit was sending the 2097152-byte body of POST \/api\/hubs\/chat\/:send, before any answer arrived/,
    );
    expect(described.hint).toMatch(/413/);
  });
});

describe("describeStepError", () => {
  it("gives a bare EPIPE from elsewhere a title and a hint", () => {
    const error = Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
    expect(describeStepError(error)).toMatchObject({
      title: "Connection closed",
      hint: expect.stringMatching(/closed/),
    });
  });
});
