// The mock's node:http server: REST API, client endpoints (and their WebSocket upgrades), admin API, request log.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { createTokenVerifier, formatConnectionString, type TokenVerifier } from "../auth/index.js";
import { type Clock, type IdSource, randomIds, systemClock } from "../clock.js";
import { HubkitError } from "../errors.js";
import { loadServedSpec, type SpecIndex } from "../spec/index.js";
import { ADMIN_PREFIX, AdminApi } from "./admin/admin-api.js";
import { VirtualConnections } from "./admin/virtual-connections.js";
import { createClientEndpoints } from "./client/index.js";
import { createDashboard, DASHBOARD_PATH, isLoopbackBind } from "./dashboard/index.js";
import { DEFAULT_ACCESS_KEY, DEFAULT_HOST, DEFAULT_PORT } from "./defaults.js";
import { answerClientError, sendError, sendInternalError } from "./errors.js";
import { bridgeStoreEvents, MockEvents, trackRestEvent } from "./events.js";
import { MockFaults } from "./faults/index.js";
import { applyFixture, type Fixture } from "./fixtures/index.js";
import { InMemoryStore } from "./in-memory-store.js";
import { ClientInvocations } from "./invocations.js";
import {
  anyHost,
  corsOriginCheck,
  isLoopbackAddress,
  loopbackHostCheck,
  refuseDefaultKeyOnNetwork,
  rejectUpgradeWith,
} from "./network-policy.js";
import { createRequestLog, silentRequestLog } from "./request-log.js";
import { RestApi } from "./rest/rest-api.js";
import { applyServerTimeouts } from "./server-timeouts.js";
import type { Store } from "./store.js";
import { createUpstream, type HubHandlers, type UpstreamDispatcher, type UpstreamOptions } from "./upstream/index.js";

export { DEFAULT_ACCESS_KEY, DEFAULT_HOST, DEFAULT_PORT } from "./defaults.js";

export interface MockOptions {
  /** Every key whose tokens are accepted; the first signs dev-negotiate tokens. Default: the emulator's key. */
  accessKeys?: readonly string[];
  /** Applied at start (after validation). */
  fixture?: Fixture;
  clock?: Clock;
  /**
   * Builds the Store the mock keeps its state in, given the mock's clock (so TTLs and timestamps agree with it).
   * Default: an InMemoryStore. A second implementation plugs in here without touching any handler.
   */
  store?: (clock: Clock) => Store;
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
  /** Client invocations and connection events to an upstream (URL templates, settings.json) or in-process handlers. */
  upstream?: UpstreamOptions;
  /** Serve each operation only under the api-versions whose document has it (default false: any accepted one). */
  strictVersions?: boolean;
  /** How long a REST `:invoke` waits for the client's answer; default 100 s (the Management SDK's own). */
  invokeTimeoutMs?: number;
  /** Serve the live dashboard at /_hubkit/. Default true. */
  dashboard?: boolean;
  /** The dashboard asks for an access key before it issues a session. Default: false in-process, true on a non-loopback bind. */
  dashboardLogin?: boolean;
  /** Fault rules (a `faults:` list, docs/faults.md) added at start besides the fixture's; none = faults off. */
  faults?: unknown[];
  /** Record attempts per logical call even without fault rules (faults arm it too). */
  recordAttempts?: boolean;
  /**
   * `loopback` (default): Host headers must name loopback (or `allowedHosts`), audiences treat localhost, 127.0.0.1
   * and [::1] as one host, and the dev negotiate and admin API are on. `network`: any Host; both off unless asked.
   */
  bind?: "loopback" | "network";
  /** Extra Host names accepted on a loopback bind (`--allowed-host`). */
  allowedHosts?: readonly string[];
  /** Extra origins allowed CORS with credentials besides loopback pages (`--cors-origin`). */
  corsOrigins?: readonly string[];
  /** Serve the admin API under /_hubkit/; default: on for a loopback bind. */
  adminApi?: boolean;
  /** Compare audience hosts exactly, without the loopback aliases (`--strict-audience`). */
  strictAudience?: boolean;
}

export interface MockServerOptions extends MockOptions {
  /** Default 8888; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Start on a non-loopback address with the emulator's published key (refused otherwise). */
  allowDefaultKeyOnNetwork?: boolean;
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
  /** Upstream routing, in-process hub handlers and the upstream call recorder. */
  upstream: UpstreamDispatcher;
  /** In-process handlers of a hub: `handler.hub("chat").on("SendMessage", (ctx, text) => ...)`. */
  hub(name: string): HubHandlers;
  /** The SpecIndex the mock serves (fixtures given later are checked against its name rules). */
  spec: SpecIndex;
  /** Fault rules and attempt accounting (also at /_hubkit/faults and /_hubkit/attempts). */
  faults: MockFaults;
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
  /** `http://127.0.0.1:8888/_hubkit/`, or undefined with `dashboard: false`. */
  dashboardUrl: string | undefined;
  /** True when the dashboard asks for an access key (a non-loopback bind). */
  dashboardLogin: boolean;
  virtualConnections: VirtualConnections;
  events: MockEvents;
  upstream: UpstreamDispatcher;
  hub(name: string): HubHandlers;
  spec: SpecIndex;
  faults: MockFaults;
  /** The node:http server (its timeouts, or extra listeners for embedding). */
  httpServer: Server;
  close(): Promise<void>;
}

export function createMockHandler(options: MockOptions = {}): MockHandler {
  const accessKeys = options.accessKeys?.length ? [...options.accessKeys] : [DEFAULT_ACCESS_KEY];
  const clock = options.clock ?? systemClock;
  const store: Store = options.store ? options.store(clock) : new InMemoryStore({ clock });
  const loopback = options.bind !== "network";
  const verifier = createTokenVerifier({ accessKeys, clock, loopbackAliases: loopback && !options.strictAudience });
  const hostCheck = loopback ? loopbackHostCheck(options.allowedHosts) : anyHost;
  // Before the fixture, so the seeded virtual connections are recorded.
  const virtualConnections = new VirtualConnections(store);
  const events = new MockEvents(() => clock.now());
  const stopBridge = bridgeStoreEvents(store, events);
  const log = options.log ? createRequestLog(options.log) : silentRequestLog;
  let rest: RestApi;
  let upstream: ReturnType<typeof createUpstream>;
  let faults: MockFaults;
  const spec = options.spec ?? loadServedSpec();
  const invocations = new ClientInvocations(options.invokeTimeoutMs);
  const stopInvocations = store.listen({ onDisconnected: (connection) => invocations.connectionGone(connection) });
  try {
    // Everything that can refuse the options runs before the client endpoints start their timer and sockets.
    if (options.fixture) applyFixture(store, options.fixture, spec);
    faults = createFaults(options, spec, events, (line) => log.event(line));
    rest = new RestApi({
      spec,
      store,
      verifier,
      apiVersions: options.apiVersions?.length ? options.apiVersions : spec.versions,
      services: { accessKeys, clock, invocations, cursorSecret: randomBytes(32), events },
      ...(options.strictVersions ? { strictVersions: true } : {}),
    });
    upstream = createUpstream(options.upstream, {
      store,
      accessKeys,
      events,
      log: (line) => log.event(line),
      clock,
      ...(options.fixture ? { fixture: options.fixture } : {}),
    });
  } catch (error) {
    stopInvocations();
    virtualConnections.dispose();
    stopBridge();
    throw error;
  }
  const dashboard =
    options.dashboard === false
      ? undefined
      : createDashboard({
          store,
          rest,
          events,
          spec,
          accessKeys,
          customKey: accessKeys[0] !== DEFAULT_ACCESS_KEY,
          apiVersion: (options.apiVersions?.length ? options.apiVersions : spec.versions)[0]!,
          requireLogin: options.dashboardLogin ?? false,
        });
  const admin = new AdminApi({
    store,
    verifier,
    virtualConnections,
    faults,
    spec,
    enabled: options.adminApi ?? loopback,
    upstream: upstream.dispatcher,
  });
  const clients = createClientEndpoints({
    store,
    spec,
    invocations,
    verifier,
    accessKey: accessKeys[0]!,
    ids: options.ids ?? randomIds,
    log: (line) => log.event(line),
    devNegotiate: options.devNegotiate ?? loopback,
    allowOrigin: corsOriginCheck(options.corsOrigins),
    logDeliveries: options.log !== undefined,
    stallPings: (session) => faults.transport.stallsPings(session),
    holdFrame: (session, frame, binary) => faults.transport.holds(session, frame, binary),
    releaseFrames: (session) => faults.transport.release(session),
    ...(options.keepAliveIntervalMs === undefined ? {} : { keepAliveIntervalMs: options.keepAliveIntervalMs }),
    ...(options.handshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs: options.handshakeTimeoutMs }),
    upstream: upstream.dispatcher,
  });
  faults.transport.attach(() => clients.sessions());
  faults.set.connections = () => store.connectionCount();
  const tracking = options.log !== undefined;

  const listener: RequestListener = (req, res) => {
    try {
      if (tracking) log.track(req, res);
      if (events.active) trackRestEvent(events, req, res);
      const refused = hostCheck(req.headers.host);
      if (refused) {
        sendError(res, req.method, refused);
        return;
      }
      // The one fault check on the hot path: false until a rule exists.
      if (faults.active) faults.rest.intercept(req, res, route);
      else route(req, res);
    } catch (error) {
      sendInternalError(res, req.method, error);
    }
  };

  const route: RequestListener = (req, res) => {
    try {
      const target = originForm(req.url ?? "/");
      const q = target.indexOf("?");
      const rawPath = q < 0 ? target : target.slice(0, q);
      const rawQuery = q < 0 ? "" : target.slice(q + 1);
      // The REST API is the hot path: one prefix test and straight in.
      if (rawPath.startsWith("/api/")) rest.handle(req, res, rawPath, rawQuery);
      else if (isClientPath(rawPath)) {
        if (!clients.handleRequest(req, res, fullUrl(req, target))) rest.handle(req, res, rawPath, rawQuery);
      } else if (dashboard?.owns(rawPath)) dashboard.handle(req, res, rawPath);
      else if (rawPath.startsWith(ADMIN_PREFIX)) admin.handle(req, res, rawPath, rawQuery);
      else rest.handle(req, res, rawPath, rawQuery);
    } catch (error) {
      sendInternalError(res, req.method, error);
    }
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const refused = hostCheck(req.headers.host);
      if (refused) rejectUpgradeWith(socket, refused);
      // Fault rules refuse, reset, hold or delay upgrades as they do negotiates (skipNegotiation clients).
      else if (faults.active) faults.upgrades.intercept(req, socket, () => upgradeClient(req, socket, head));
      else upgradeClient(req, socket, head);
    } catch {
      socket.destroy();
    }
  };

  const upgradeClient = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
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
    upstream: upstream.dispatcher,
    hub: (name) => upstream.dispatcher.hub(name),
    spec,
    faults,
    async close() {
      upstream.stop();
      dashboard?.close();
      faults.close();
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
  if (!options.allowDefaultKeyOnNetwork) {
    const keys = options.accessKeys?.length ? options.accessKeys : [DEFAULT_ACCESS_KEY];
    refuseDefaultKeyOnNetwork(host, keys, DEFAULT_ACCESS_KEY);
  }
  const dashboardLogin = options.dashboardLogin ?? !isLoopbackBind(host);
  const handler = createMockHandler({
    bind: isLoopbackAddress(host) ? "loopback" : "network",
    ...options,
    dashboardLogin,
  });
  let server: ReturnType<typeof createServer>;
  try {
    server = createServer({ maxHeaderSize: 16 * 1024 }, handler.listener);
    applyServerTimeouts(server);
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
    dashboardUrl: options.dashboard === false ? undefined : `http://${urlHost(host)}:${port}${DASHBOARD_PATH}`,
    dashboardLogin,
    virtualConnections: handler.virtualConnections,
    events: handler.events,
    upstream: handler.upstream,
    hub: handler.hub,
    spec: handler.spec,
    faults: handler.faults,
    httpServer: server,
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

/** Fault rules from the fixture and the options; problems are usage errors naming where each rule came from. */
function createFaults(
  options: MockOptions,
  spec: SpecIndex,
  events: MockEvents,
  log: (line: string) => void,
): MockFaults {
  const faults = new MockFaults({
    spec,
    events,
    log,
    ...(options.recordAttempts ? { recordAttempts: true } : {}),
  });
  for (const [rules, source] of [
    [options.fixture?.faults, "the state file"],
    [options.faults, "the fault rules"],
  ] as const) {
    if (rules === undefined) continue;
    for (const warning of faults.add(rules, source).warnings) log(`warning: ${source}: ${warning.message}`);
  }
  return faults;
}
