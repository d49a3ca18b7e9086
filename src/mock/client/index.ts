// Public surface of the mock's SignalR client side: negotiate, transports and hub protocols behind one factory.
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { TokenVerifier } from "../../auth/index.js";
import type { IdSource } from "../../clock.js";
import type { SpecIndex } from "../../spec/index.js";
import { sendError, sendInternalError } from "../errors.js";
import type { ClientInvocations } from "../invocations.js";
import type { Store } from "../store.js";
import type { UpstreamDispatcher } from "../upstream/dispatcher.js";
import { ConnectionRegistry } from "./connection-registry.js";
import { answerPreflight, applyCors, type OriginCheck } from "./cors.js";
import { logLiveDeliveries } from "./delivery-log.js";
import { DEV_NEGOTIATE_PATH, handleDevNegotiate } from "./dev-negotiate.js";
import { noRoute, rejectUpgrade } from "./http-util.js";
import type { HubSession, SessionContext, SessionSettings } from "./hub-session.js";
import { handleNegotiate } from "./negotiate.js";
import { handleTransportRequest, handleTransportUpgrade, type TransportContext } from "./transport-requests.js";
import { DEFAULT_MAX_BUFFERED_BYTES } from "./transports/transport.js";

export { AVAILABLE_TRANSPORTS } from "./negotiate.js";

export interface ClientEndpointsOptions {
  store: Store;
  /** The mock's SpecIndex: hub and application names follow its rules. */
  spec: SpecIndex;
  verifier: TokenVerifier;
  /** The first access key: signs the tokens of the no-app-server negotiate. */
  accessKey: string;
  ids: IdSource;
  log: (line: string) => void;
  devNegotiate: boolean;
  /** Origins allowed CORS with credentials; default: none (no CORS headers at all). */
  allowOrigin?: OriginCheck;
  /** Log a line per delivery to live clients; default true. Off saves filtering every broadcast's recipients. */
  logDeliveries?: boolean;
  /** Server pings when nothing else was sent for this long; default 15000. */
  keepAliveIntervalMs?: number;
  /** From transport connect to a completed handshake (and from negotiate to connect); default 15000. */
  handshakeTimeoutMs?: number;
  /**
   * Close a client that sent nothing (not even a ping) for this long; default 30000. Long-polling clients send no
   * pings: they are closed when this long passes between the end of one poll and the next.
   */
  clientTimeoutMs?: number;
  /** An idle long poll answers 200 with no content after this long; default 90000 (the client waits 100 s). */
  longPollingTimeoutMs?: number;
  /** Largest client message (WebSocket message or POST body); default 1 MB. */
  maxMessageBytes?: number;
  /** Routes client invocations and connection events to an upstream or in-process handlers. */
  upstream?: UpstreamDispatcher;
  /** Where client Completions go (answers to REST `:invoke`). */
  invocations?: ClientInvocations;
  /** Fault hook: true holds back a session's pings. */
  stallPings?: (session: HubSession) => boolean;
  /** Fault hooks (slowReads): hold a frame back; release what is held when the session ends. */
  holdFrame?: (session: HubSession, frame: Buffer, binary: boolean) => boolean;
  releaseFrames?: (session: HubSession) => void;
}

export interface ClientEndpoints {
  /** True when it handled the request: `/client/...` and `/_hubkit/hubs/...`, CORS preflights included. */
  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Client connections known to the endpoints (negotiated, connected, or draining a last long poll). */
  connectionCount(): number;
  /** Every client connection (for transport faults). */
  sessions(): Iterable<HubSession>;
  close(): Promise<void>;
}

const CLIENT_PREFIX = "/client/";
const DEV_PREFIX = "/_hubkit/hubs/";

export function createClientEndpoints(options: ClientEndpointsOptions): ClientEndpoints {
  const settings = resolveSettings(options);
  const allowOrigin = options.allowOrigin ?? (() => false);
  const registry = new ConnectionRegistry();
  const session: SessionContext = {
    store: options.store,
    log: options.log,
    settings,
    forget: (s) => registry.remove(s),
    ...(options.upstream ? { upstream: options.upstream } : {}),
    ...(options.stallPings ? { stallPings: options.stallPings } : {}),
    ...(options.holdFrame ? { holdFrame: options.holdFrame } : {}),
    ...(options.releaseFrames ? { releaseFrames: options.releaseFrames } : {}),
  };
  const { invocations } = options;
  if (invocations) {
    session.onCompletion = (s, m) =>
      m.completion !== undefined && invocations.complete(s.connectionId, m.completion, s.protocolName ?? "json");
  }
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: settings.maxMessageBytes });
  const names = options.spec.names;
  const ctx: TransportContext = { verifier: options.verifier, ids: options.ids, registry, session, wss, names };
  const dev = {
    names,
    enabled: options.devNegotiate,
    accessKey: options.accessKey,
    clock: options.store.clock,
    log: options.log,
  };
  const stopLog = options.logDeliveries === false ? () => {} : options.store.listen(logLiveDeliveries(options.log));
  // One timer for every connection: pings, handshake and client timeouts, idle polls.
  const heartbeat = setInterval(() => registry.sweep(performance.now()), heartbeatPeriod(settings));
  heartbeat.unref();

  const fail = (req: IncomingMessage, res: ServerResponse) => (error: unknown) => {
    options.log(`client endpoint error: ${error instanceof Error ? error.message : String(error)}`);
    sendInternalError(res, req.method, error);
  };

  return {
    handleRequest(req, res, url) {
      const path = url.pathname;
      const isClient = path === "/client" || path.startsWith(CLIENT_PREFIX);
      if (!isClient && !path.startsWith(DEV_PREFIX)) return false;
      if (req.method === "OPTIONS") {
        answerPreflight(req, res, allowOrigin);
        return true;
      }
      applyCors(req, res, allowOrigin);
      try {
        if (path === "/client" || path === CLIENT_PREFIX)
          handleTransportRequest(req, res, url, ctx).catch(fail(req, res));
        else if (path === "/client/negotiate" || path === "/client/negotiate/") handleNegotiate(req, res, url, ctx);
        else if (DEV_NEGOTIATE_PATH.test(path) || !isClient)
          handleDevNegotiate(req, res, url, dev).catch(fail(req, res));
        else
          sendError(
            res,
            req.method,
            noRoute(`No client endpoint at ${path}: expected /client/negotiate?hub=<hub> or /client/?hub=<hub>.`),
          );
      } catch (error) {
        fail(req, res)(error);
      }
      return true;
    },

    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname !== "/client" && url.pathname !== CLIENT_PREFIX) {
        if (!url.pathname.startsWith(CLIENT_PREFIX)) return false;
        rejectUpgrade(socket, 404, "WebSocket connections go to /client/?hub=<hub>&id=<connectionToken>.");
        return true;
      }
      try {
        handleTransportUpgrade(req, socket, head, url, ctx);
      } catch (error) {
        options.log(`client upgrade error: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      }
      return true;
    },

    connectionCount: () => registry.size,
    sessions: () => registry.values(),

    async close() {
      clearInterval(heartbeat);
      stopLog();
      registry.endAll("The hubkit mock is shutting down.");
      await closeSockets(wss);
    },
  };
}

function resolveSettings(options: ClientEndpointsOptions): SessionSettings {
  return {
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? 15_000,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
    clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
    longPollingTimeoutMs: options.longPollingTimeoutMs ?? 90_000,
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    maxBufferedBytes: DEFAULT_MAX_BUFFERED_BYTES,
  };
}

/** A quarter of the shortest interval, so timeouts fire within 25% of their value; between 10 ms and 1 s. */
function heartbeatPeriod(settings: SessionSettings): number {
  const shortest = Math.min(
    settings.keepAliveIntervalMs,
    settings.handshakeTimeoutMs,
    settings.clientTimeoutMs,
    settings.longPollingTimeoutMs,
  );
  return Math.min(1000, Math.max(10, Math.floor(shortest / 4)));
}

/** Waits briefly for WebSockets to finish their closing handshake, then cuts off the rest. */
async function closeSockets(wss: WebSocketServer): Promise<void> {
  const open = [...wss.clients];
  await Promise.race([
    Promise.all(open.map((ws) => new Promise((resolve) => ws.once("close", resolve)))),
    new Promise((resolve) => setTimeout(resolve, 1000).unref()),
  ]);
  for (const ws of wss.clients) ws.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}
