// Server lifecycle and socket-level behaviour: limits, malformed HTTP, upgrades, internal errors, handler drift.
import { connect } from "node:net";
import { Readable } from "node:stream";
import { request } from "undici";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseConnectionString } from "../../src/auth/index.js";
import { HubkitError } from "../../src/errors.js";
import { createMockHandler, createMockServer, DEFAULT_ACCESS_KEY, type MockServer } from "../../src/mock/index.js";
import { bindHandlers, restHandlers } from "../../src/mock/rest/handlers.js";
import { loadSpec } from "../../src/spec/index.js";
import { authorizationFor } from "./tokens.js";

const servers: MockServer[] = [];
async function start(options: Parameters<typeof createMockServer>[0] = {}): Promise<MockServer> {
  const server = await createMockServer({ port: 0, ...options });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Writes raw bytes and returns everything the server sends back before closing. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
  });
}

describe("createMockServer", () => {
  it("defaults to the emulator's key and prints an emulator-style connection string", async () => {
    const server = await start();
    expect(server.accessKeys).toEqual([DEFAULT_ACCESS_KEY]);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.connectionString).toBe(
      `Endpoint=http://localhost;Port=${server.port};AccessKey=${DEFAULT_ACCESS_KEY};Version=1.0;`,
    );
    expect(parseConnectionString(server.connectionString).endpoint).toBe(`http://localhost:${server.port}`);
  });

  it("a taken port is a HubkitError E_PORT_IN_USE", async () => {
    const first = await start();
    await expect(createMockServer({ port: first.port })).rejects.toMatchObject({
      code: "E_PORT_IN_USE",
      message: `Port ${first.port} is already in use on 127.0.0.1.`,
    });
  });

  it("an address that is not this machine's is a HubkitError E_LISTEN", async () => {
    await expect(createMockServer({ port: 0, host: "203.0.113.7", accessKeys: ["k"] })).rejects.toBeInstanceOf(
      HubkitError,
    );
    await expect(createMockServer({ port: 0, host: "203.0.113.7", accessKeys: ["k"] })).rejects.toMatchObject({
      code: "E_LISTEN",
    });
  });

  it("an invalid start fixture is refused before listening", async () => {
    await expect(createMockServer({ port: 0, fixture: { hubs: { "bad-hub": {} } } })).rejects.toMatchObject({
      code: "E_FIXTURE_INVALID",
    });
  });

  it("an invalid start fixture leaves no timer, handle or listener behind", async () => {
    const bad = { hubs: { "bad-hub": {} } };
    const handles = process.getActiveResourcesInfo().length;
    // The client endpoints' heartbeat is unref'd, so it does not show among the active resources: watch it start.
    const timers = vi.spyOn(globalThis, "setInterval");
    try {
      const rejected = await createMockServer({ port: 0, fixture: bad }).catch((error: unknown) => error);
      expect(rejected).toBeInstanceOf(HubkitError);
      expect(rejected).toMatchObject({ code: "E_FIXTURE_INVALID" });
      expect(() => createMockHandler({ fixture: bad })).toThrow(HubkitError);
      expect(timers).not.toHaveBeenCalled();
      expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(handles);
    } finally {
      timers.mockRestore();
    }
  });

  it("close() ends open keep-alive connections and can be called twice", async () => {
    const server = await start();
    const res = await request(`${server.url}/nothing`);
    await res.body.dump();
    await Promise.all([server.close(), server.close()]);
    await expect(request(`${server.url}/nothing`)).rejects.toThrow();
  });
});

describe("limits and malformed HTTP", () => {
  it("a chunked upload past the 8 MiB drain bound is refused with 413 without reading it all", async () => {
    const server = await start();
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    let sent = 0;
    const body = Readable.from(
      (function* () {
        // 32 MiB offered in 64 KiB chunks; the mock answers and closes once 8 MiB have passed.
        for (let i = 0; i < 512; i++) {
          sent += 65536;
          yield Buffer.alloc(65536, 0x20);
        }
      })(),
    );
    const res = await request(`${server.url}${path}`, {
      method: "POST",
      headers: {
        authorization: (await authorizationFor("sdk", server.url, path))!,
        "content-type": "application/json",
      },
      body,
    }).catch((error: Error) => error);
    // Either undici saw the 413 or the upload was cut off; the server never took the whole 32 MiB.
    if (!(res instanceof Error)) {
      expect(res.statusCode).toBe(413);
      expect(res.headers["x-ms-error-code"]).toBe("Error.Request.PayloadTooLarge");
      expect(JSON.parse(await res.body.text()).code).toBe("Error.Request.PayloadTooLarge");
    }
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });

  it.each([
    ["Content-Length", false],
    ["chunked", true],
  ])(
    "a %s upload of 2 MiB is read to its end and answered 413: the uploading client reads the answer",
    async (_name, chunked) => {
      const server = await start();
      const path = "/api/hubs/chat/:send?api-version=2022-06-01";
      const auth = (await authorizationFor("sdk", `http://127.0.0.1:${server.port}`, path))!;
      const size = 2 * 1024 * 1024;
      const framing = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${size}`;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(server.port, "127.0.0.1");
        let text = "";
        let uploaded = false;
        // Done once every byte went out and the whole ErrorDetail came back (the connection may stay open).
        const finish = () => {
          if (!uploaded || !text.includes("}")) return;
          socket.end();
          resolve(text);
        };
        socket.on("data", (chunk: Buffer) => {
          text += chunk.toString("latin1");
          finish();
        });
        socket.on("error", reject);
        socket.on("connect", async () => {
          const write = (data: string | Buffer) =>
            new Promise<void>((done, fail) => socket.write(data, (error) => (error ? fail(error) : done())));
          try {
            await write(
              `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`,
            );
            // Every byte written before reading anything: a mock that closes early makes these writes fail (EPIPE).
            for (let offset = 0; offset < size; offset += 64 * 1024) {
              const piece = Buffer.alloc(64 * 1024, 0x20);
              await write(chunked ? Buffer.concat([Buffer.from("10000\r\n"), piece, Buffer.from("\r\n")]) : piece);
              // Lets the mock's answer (and a reset, if it closed) arrive between writes, as on a real network.
              await new Promise((resolve) => setImmediate(resolve));
            }
            if (chunked) await write("0\r\n\r\n");
            uploaded = true;
            finish();
          } catch (error) {
            reject(error);
          }
        });
      });
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain("x-ms-error-code: Error.Request.PayloadTooLarge");
      expect(answer).toContain('"code":"Error.Request.PayloadTooLarge"');
    },
  );

  it("a declared Content-Length past the 8 MiB drain bound is refused at once with 413 and Connection: close", async () => {
    const server = await start();
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    const auth = (await authorizationFor("sdk", `http://127.0.0.1:${server.port}`, path))!;
    const answer = await rawExchange(
      server.port,
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 9000000\r\n\r\n{"target":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect(answer).toContain('"code":"Error.Request.PayloadTooLarge"');
  });

  it("an upload aborted midway neither crashes the server nor leaves it unable to answer", async () => {
    const server = await start();
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    const auth = (await authorizationFor("sdk", `http://127.0.0.1:${server.port}`, path))!;
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"tar`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    const res = await request(`${server.url}/api/health?api-version=2022-06-01`, { method: "HEAD" });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });

  it("an empty chunked POST without Content-Type (as a proxy forwards it) is 'body required', not 415", async () => {
    const server = await start();
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    const auth = (await authorizationFor("sdk", `http://127.0.0.1:${server.port}`, path))!;
    const answer = await rawExchange(
      server.port,
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: ${auth}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"message":"Message in request body is required."');
  });

  it("headers over 16 KB are a 431 with an ErrorDetail", async () => {
    const server = await start();
    const answer = await rawExchange(
      server.port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(17 * 1024)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain("x-ms-error-code: Error.Request.HeadersTooLarge");
    expect(answer).toContain('{"code":"Error.Request.HeadersTooLarge"');
  });

  it("a request that is not HTTP is a 400 with an ErrorDetail", async () => {
    const server = await start();
    const answer = await rawExchange(server.port, "HELLO THERE\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"code":"Error.Request.Invalid"');
  });

  it("an absolute-form request target is routed by its path", async () => {
    const server = await start();
    const answer = await rawExchange(
      server.port,
      `HEAD http://localhost/api/health?api-version=2022-06-01 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("a WebSocket upgrade outside the client endpoints is refused with 404", async () => {
    const server = await start();
    const answer = await rawExchange(
      server.port,
      "GET /api/hubs/chat HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
  });
});

describe("internal errors", () => {
  it("an exception inside a handler becomes a 500 Error.Internal ErrorDetail, and the server keeps serving", async () => {
    const server = await start({ fixture: { hubs: { chat: { connections: ["c1"] } } } });
    server.store.deliver = () => {
      throw new Error("boom");
    };
    const path = "/api/hubs/chat/:send?api-version=2022-06-01";
    const res = await request(`${server.url}${path}`, {
      method: "POST",
      headers: {
        authorization: (await authorizationFor("sdk", server.url, path))!,
        "content-type": "application/json",
      },
      body: '{"target":"t"}',
    });
    expect(res.statusCode).toBe(500);
    expect(res.headers["x-ms-error-code"]).toBe("Error.Internal");
    expect(JSON.parse(await res.body.text())).toMatchObject({
      code: "Error.Internal",
      message: expect.stringMatching(/boom.*bug in hubkit/),
    });

    const head = "/api/hubs/chat/connections/c1?api-version=2022-06-01";
    server.store.connection = () => {
      throw new Error("sync boom");
    };
    const res2 = await request(`${server.url}${head}`, {
      method: "HEAD",
      headers: { authorization: (await authorizationFor("sdk", server.url, head))! },
    });
    expect(res2.statusCode).toBe(500);
    expect(res2.headers["x-ms-error-code"]).toBe("Error.Internal");
    await res2.body.dump();
  });
});

describe("handlers match the spec", () => {
  it("every spec operation has exactly one handler (19) and GET aliases exist for the four existence checks", () => {
    const spec = loadSpec();
    expect(bindHandlers(spec.operations).size).toBe(19);
    expect(
      spec.operations
        .filter((o) => o.getAlias)
        .map((o) => o.operationId)
        .sort(),
    ).toEqual([
      "SignalR_CheckConnectionExistence",
      "SignalR_CheckGroupExistence",
      "SignalR_CheckUserExistence",
      "SignalR_CheckUserExistenceInGroup",
    ]);
  });

  it("startup fails when an operation has no handler or a handler names no operation", () => {
    const spec = loadSpec();
    const { SignalR_Broadcast: _dropped, ...missing } = restHandlers;
    expect(() => bindHandlers(spec.operations, missing)).toThrow(/operations without a handler: SignalR_Broadcast/);
    expect(() => bindHandlers(spec.operations, { ...restHandlers, SignalR_Extra: () => {} })).toThrow(
      /handlers for no spec operation: SignalR_Extra/,
    );
  });
});
