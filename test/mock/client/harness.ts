// Test harness: the client endpoints (and the REST API) on a node:http server (port 0) with a Store, plus helpers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as signalR from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";
import { clientAudience, createTokenVerifier, signAccessToken } from "../../../src/auth/index.js";
import { type Clock, ManualClock, SequentialIds } from "../../../src/clock.js";
import {
  type ClientEndpoints,
  type ClientEndpointsOptions,
  createClientEndpoints,
} from "../../../src/mock/client/index.js";
import { InMemoryStore } from "../../../src/mock/in-memory-store.js";
import { createMockServer, type MockServerOptions } from "../../../src/mock/index.js";
import { ClientInvocations } from "../../../src/mock/invocations.js";
import { corsOriginCheck } from "../../../src/mock/network-policy.js";
import { RestApi } from "../../../src/mock/rest/rest-api.js";
import type { Store } from "../../../src/mock/store.js";
import { loadSpec } from "../../../src/spec/index.js";

export const ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";

export interface Harness {
  url: string;
  store: Store;
  log: string[];
  /** A client token for `hub` at this server, with `asrs.s.uid` when a user is given. */
  token(hub: string, claims?: Record<string, unknown>, key?: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole mock (REST API included) on port 0, with a manual clock and sequential ids. */
export async function startMock(options: MockServerOptions = {}): Promise<Harness & { clock: ManualClock }> {
  const clock = new ManualClock();
  const log: string[] = [];
  const server = await createMockServer({
    port: 0,
    clock,
    ids: new SequentialIds(),
    log: (line) => log.push(line),
    ...options,
  });
  return {
    url: server.url,
    store: server.store,
    log,
    clock,
    token: signer(server.url, clock),
    close: () => server.close(),
  };
}

export interface HarnessExtras {
  endpoints: ClientEndpoints;
  /** `METHOD /path` of each request, as it arrives. */
  requests: string[];
  /** `METHOD /path status` of each request once its response is over, or `METHOD /path aborted`. */
  finished: string[];
}

/** The client endpoints with every timing knob reachable, and the REST API under /api/, on a plain node:http server. */
export async function startHarness(overrides: Partial<ClientEndpointsOptions> = {}): Promise<Harness & HarnessExtras> {
  const store = new InMemoryStore();
  const log: string[] = [];
  const requests: string[] = [];
  const finished: string[] = [];
  const verifier = createTokenVerifier({ accessKeys: [ACCESS_KEY] });
  const endpoints = createClientEndpoints({
    store,
    verifier,
    accessKey: ACCESS_KEY,
    ids: new SequentialIds(),
    log: (line) => log.push(line),
    devNegotiate: true,
    allowOrigin: corsOriginCheck(),
    ...overrides,
    spec: overrides.spec ?? loadSpec(),
  });
  const rest = new RestApi({
    spec: loadSpec(),
    store,
    verifier,
    apiVersions: [loadSpec().apiVersion],
    services: {
      accessKeys: [ACCESS_KEY],
      clock: store.clock,
      invocations: new ClientInvocations(),
      cursorSecret: Buffer.alloc(32),
    },
  });
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const request = `${req.method} ${url.pathname}`;
    requests.push(request);
    res.on("close", () => finished.push(`${request} ${res.writableFinished ? res.statusCode : "aborted"}`));
    if (url.pathname.startsWith("/api/")) rest.handle(req, res, url.pathname, url.search.slice(1));
    else if (!endpoints.handleRequest(req, res, url)) res.writeHead(404).end();
  });
  server.on("upgrade", (req, socket, head) => {
    if (!endpoints.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    endpoints,
    log,
    requests,
    finished,
    token: signer(url, store.clock),
    async close() {
      await endpoints.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function signer(url: string, clock: Clock): Harness["token"] {
  return (hub, claims = {}, key = ACCESS_KEY) =>
    signAccessToken({ accessKey: key, audience: clientAudience(url, hub), claims, now: clock });
}

/** For effects that follow an event on another socket: test/support/eventually.ts (a scaled deadline). */
export { eventually } from "../../support/eventually.js";

export type TransportName = "WebSockets" | "ServerSentEvents" | "LongPolling";
export type ProtocolName = "json" | "messagepack";

/** Every transport and protocol pair a real client can use (SSE carries text only). */
export const COMBINATIONS: ReadonlyArray<{ transport: TransportName; protocol: ProtocolName }> = [
  { transport: "WebSockets", protocol: "json" },
  { transport: "WebSockets", protocol: "messagepack" },
  { transport: "ServerSentEvents", protocol: "json" },
  { transport: "LongPolling", protocol: "json" },
  { transport: "LongPolling", protocol: "messagepack" },
];

export interface Received {
  target: string;
  args: unknown[];
}

export interface TestClient {
  connection: signalR.HubConnection;
  received: Received[];
  /** Resolves with the error the connection closed with (undefined for a clean stop). */
  closed: Promise<Error | undefined>;
  /** Resolves once a message with this target has arrived; returns everything received up to and including it. */
  until(target: string): Promise<Received[]>;
}

export interface ClientOptions {
  url: string;
  transport: TransportName;
  protocol: ProtocolName;
  /** Targets to record. */
  targets: readonly string[];
  accessToken?: string;
  configure?: (builder: signalR.HubConnectionBuilder) => signalR.HubConnectionBuilder;
}

export async function startClient(options: ClientOptions): Promise<TestClient> {
  let builder = new signalR.HubConnectionBuilder()
    .withUrl(options.url, {
      transport: signalR.HttpTransportType[options.transport],
      ...(options.accessToken === undefined ? {} : { accessTokenFactory: () => options.accessToken ?? "" }),
    })
    .configureLogging(signalR.LogLevel.None);
  if (options.protocol === "messagepack") builder = builder.withHubProtocol(new MessagePackHubProtocol());
  if (options.configure) builder = options.configure(builder);
  const connection = builder.build();
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  for (const target of options.targets) {
    connection.on(target, (...args: unknown[]) => {
      received.push({ target, args });
      for (const wake of waiters.splice(0)) wake();
    });
  }
  const closed = new Promise<Error | undefined>((resolve) => connection.onclose((error) => resolve(error)));
  await connection.start();
  const until = async (target: string): Promise<Received[]> => {
    for (;;) {
      const index = received.findIndex((m) => m.target === target);
      if (index >= 0) return received.slice(0, index + 1);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { connection, received, closed, until };
}
