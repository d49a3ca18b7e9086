// The mock's node:http server: REST API, client endpoints (and their WebSocket upgrades), admin API, request log.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type RequestListener } from "node:http";
import type { Duplex } from "node:stream";
import { createTokenVerifier, formatConnectionString, type TokenVerifier } from "../auth/index.js";
import { type Clock, type IdSource, randomIds, systemClock } from "../clock.js";
import { HubkitError } from "../errors.js";
import { loadServedSpec, type SpecIndex } from "../spec/index.js";
import { ADMIN_PREFIX, AdminApi } from "./admin/admin-api.js";
import { VirtualConnections } from "./admin/virtual-connections.js";
import { createClientEndpoints } from "./client/index.js";
import { answerClientError, sendInternalError } from "./errors.js";
import { bridgeStoreEvents, MockEvents, trackRestEvent } from "./events.js";
import { applyFixture, type Fixture } from "./fixtures/index.js";
import { ClientInvocations } from "./invocations.js";
import { createRequestLog, silentRequestLog } from "./request-log.js";
import { RestApi } from "./rest/rest-api.js";
import { Store } from "./store.js";

/** The official emulator's published key, so apps configured for the emulator work unchanged. */
export const DEFAULT_ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
export const DEFAULT_PORT = 8888;
export const DEFAULT_HOST = "127.0.0.1";

export interface MockOptions {
  /** Every key whose tokens are accepted; the first signs dev-negotiate tokens. Default: the emulator's key. */
  accessKeys?: readonly string[];
  /** Applied at start (after validation). */
  fixture?: Fixture;
  clock?: Clock;
  ids?: IdSource;
  /** Default: the spec's own version (`info.version`). */
  apiVersions?: readonly string[];
  /** One line per request and per client event; omitted = no logging work at all. */
  log?: (line: string) => void;
  /** Serve `/_hubkit/hubs/{hub}/negotiate` (clients without an app server). Default true. */
  devNegotiate?: boolean;
  keepAliveIntervalMs?: number;
  handshakeTimeoutMs?: number;
  /** The OpenAPI index the REST routes are compiled from; default: every version hubkit ships, as one union. */
  spec?: SpecIndex;
  /** Serve each operation only under the api-versions whose document has it (default false: any accepted one). */
  strictVersions?: boolean;
  /** How long a REST `:invoke` waits for the client's answer; default 100 s (the Management SDK's own). */
  invokeTimeoutMs?: number;
}

export interface MockServerOptions extends MockOptions {
  /** Default 8888; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** The mock without a socket: a request listener and an upgrade listener over one Store (supertest, embedding). */
export interface MockHandler {
  listener: RequestListener;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  store: Store;
  accessKeys: readonly string[];
  verifier: TokenVerifier;
  /** What each virtual connection received and how it was closed (also at GET /_hubkit/messages). */
  virtualConnections: VirtualConnections;
  /** The live event stream (REST calls, connects, deliveries, ...); free while nobody subscribes. */
  events: MockEvents;
  /** The SpecIndex the mock serves (fixtures given later are checked against its name rules). */
  spec: SpecIndex;
  close(): Promise<void>;
}

export interface MockServer {
  /** Where to send requests, e.g. `http://127.0.0.1:8888`. */
  url: string;
  port: number;
  host: string;
  store: Store;
  accessKeys: readonly string[];
  /** `Endpoint=http://localhost;Port=8888;AccessKey=...;Version=1.0;` with the first key. */
  connectionString: string;
  virtualConnections: VirtualConnections;
  events: MockEvents;
  spec: SpecIndex;
  close(): Promise<void>;
}

export function createMockHandler(options: MockOptions = {}): MockHandler {
  const accessKeys = options.accessKeys?.length ? [...options.accessKeys] : [DEFAULT_ACCESS_KEY];
  const clock = options.clock ?? systemClock;
  const store = new Store({ clock });
  const verifier = createTokenVerifier({ accessKeys, clock });
  // Before the fixture, so the seeded virtual connections are recorded.
  const virtualConnections = new VirtualConnections(store);
  const events = new MockEvents(() => clock.now());
  const stopBridge = bridgeStoreEvents(store, events);
  const log = options.log ? createRequestLog(options.log) : silentRequestLog;
  let rest: RestApi;
  const spec = options.spec ?? loadServedSpec();
  const invocations = new ClientInvocations(options.invokeTimeoutMs);
  const stopInvocations = store.listen({ onDisconnected: (connection) => invocations.connectionGone(connection) });
  try {
    // Everything that can refuse the options runs before the client endpoints start their timer and sockets.
    if (options.fixture) applyFixture(store, options.fixture, spec.names);
    rest = new RestApi({
      spec,
      store,
      verifier,
      apiVersions: options.apiVersions?.length ? options.apiVersions : spec.versions,
      services: { accessKeys, clock, invocations, cursorSecret: randomBytes(32) },
      ...(options.strictVersions ? { strictVersions: true } : {}),
    });
  } catch (error) {
    stopInvocations();
    virtualConnections.dispose();
    stopBridge();
    throw error;
  }
  const admin = new AdminApi({ store, verifier, virtualConnections, names: spec.names });
  const clients = createClientEndpoints({
    store,
    spec,
    invocations,
    verifier,
    accessKey: accessKeys[0]!,
    ids: options.ids ?? randomIds,
    log: (line) => log.event(line),
    devNegotiate: options.devNegotiate ?? true,
    logDeliveries: options.log !== undefined,
    ...(options.keepAliveIntervalMs === undefined ? {} : { keepAliveIntervalMs: options.keepAliveIntervalMs }),
    ...(options.handshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs: options.handshakeTimeoutMs }),
  });
  const tracking = options.log !== undefined;

  const listener: RequestListener = (req, res) => {
    try {
      if (tracking) log.track(req, res);
      if (events.active) trackRestEvent(events, req, res);
      const target = originForm(req.url ?? "/");
      const q = target.indexOf("?");
      const rawPath = q < 0 ? target : target.slice(0, q);
      const rawQuery = q < 0 ? "" : target.slice(q + 1);
      // The REST API is the hot path: one prefix test and straight in.
      if (rawPath.startsWith("/api/")) rest.handle(req, res, rawPath, rawQuery);
      else if (isClientPath(rawPath)) {
        if (!clients.handleRequest(req, res, fullUrl(req, target))) rest.handle(req, res, rawPath, rawQuery);
      } else if (rawPath.startsWith(ADMIN_PREFIX)) admin.handle(req, res, rawPath, rawQuery);
      else rest.handle(req, res, rawPath, rawQuery);
    } catch (error) {
      sendInternalError(res, req.method, error);
    }
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const target = originForm(req.url ?? "/");
      if (!isClientPath(target) || !clients.handleUpgrade(req, socket, head)) {
        socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      }
    } catch {
      socket.destroy();
    }
  };

  return {
    listener,
    upgrade,
    store,
    accessKeys,
    verifier,
    virtualConnections,
    events,
    spec,
    async close() {
      await clients.close();
      invocations.dispose();
      stopInvocations();
      virtualConnections.dispose();
      stopBridge();
    },
  };
}

export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? DEFAULT_HOST;
  const requestedPort = options.port ?? DEFAULT_PORT;
  const handler = createMockHandler(options);
  let server: ReturnType<typeof createServer>;
  try {
    server = createServer({ maxHeaderSize: 16 * 1024 }, handler.listener);
    server.on("upgrade", handler.upgrade);
    server.on("clientError", answerClientError);
    await listen(server, requestedPort, host);
  } catch (error) {
    await handler.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : requestedPort;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    host,
    store: handler.store,
    accessKeys: handler.accessKeys,
    connectionString: formatConnectionString({
      endpoint: `http://${endpointHost(host)}:${port}`,
      port,
      accessKey: handler.accessKeys[0]!,
      version: "1.0",
    }),
    virtualConnections: handler.virtualConnections,
    events: handler.events,
    spec: handler.spec,
    close() {
      closing ??= (async () => {
        await handler.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(listenError(error, port, host));
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): HubkitError {
  if (error.code === "EADDRINUSE") {
    return new HubkitError(`Port ${port} is already in use on ${host}.`, {
      code: "E_PORT_IN_USE",
      hint: "Stop the other process, or pick another port with --port (0 picks a free one).",
      cause: error,
    });
  }
  return new HubkitError(`Cannot listen on ${host}:${port} (${error.code ?? error.message}).`, {
    code: "E_LISTEN",
    hint: "Check --host (an address of this machine, e.g. 127.0.0.1 or 0.0.0.0) and --port (0 to 65535; ports below 1024 need privileges).",
    cause: error,
  });
}

/** `/client`, `/client/...` and `/_hubkit/hubs/...` belong to the client endpoints. */
function isClientPath(path: string): boolean {
  return (
    path === "/client" ||
    path.startsWith("/client/") ||
    path.startsWith("/client?") ||
    path.startsWith(`${ADMIN_PREFIX}hubs/`)
  );
}

/** Proxies may send the absolute form (`http://host/path`); routes match the path. */
function originForm(target: string): string {
  if (target.startsWith("/")) return target;
  const scheme = target.indexOf("://");
  if (scheme < 0) return target;
  const slash = target.indexOf("/", scheme + 3);
  return slash < 0 ? "/" : target.slice(slash);
}

function fullUrl(req: IncomingMessage, target: string): URL {
  try {
    return new URL(target, `http://${req.headers.host ?? "localhost"}`);
  } catch {
    return new URL(target, "http://localhost");
  }
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"]);

/** Connection strings name loopback as `localhost`, the emulator's form. */
function endpointHost(host: string): string {
  return LOOPBACK.has(host) ? "localhost" : host.includes(":") ? `[${host}]` : host;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
