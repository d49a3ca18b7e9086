// `startMock()`: the stateful mock for a test runner's global setup, with its admin operations as plain methods.
import { HubkitError } from "../errors.js";
import type { VirtualConnectionRecord } from "../mock/admin/virtual-connections.js";
import {
  applyFixture,
  type Fixture,
  type FixtureSummary,
  loadFixtureFile,
  parseFixture,
} from "../mock/fixtures/index.js";
import { createMockServer, type MockServer } from "../mock/server.js";
import type { StoreSnapshot } from "../mock/store.js";
import type { HubHandlers } from "../mock/upstream/hub-handlers.js";
import { applyUpstreamFixture, type UpstreamOptions, type UpstreamRecord } from "../mock/upstream/index.js";
import { loadServedSpec, type SpecIndex } from "../spec/index.js";

export interface StartMockOptions {
  /** Default 0: any free port (read it from `url`). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Accepted access keys; the first is in `connectionString`. Default: the emulator's published key. */
  accessKeys?: readonly string[];
  /** A state file (YAML or JSON path) or a state object, as in `hubkit mock --state`. */
  state?: string | Fixture;
  /** Default true: no request log. `false` logs one line per request to stdout; a function receives the lines. */
  quiet?: boolean | ((line: string) => void);
  /** Accepted `api-version` values (default: every version hubkit ships, 2022-06-01 and 2024-12-01). */
  apiVersions?: readonly string[];
  /** Client invocations and connection events to an upstream (URL templates, the emulator's settings.json). */
  upstream?: UpstreamOptions;
  /** Serve each operation only under the api-versions that have it (`--strict-versions`). Default false. */
  strictVersions?: boolean;
}

export interface RunningMock {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  port: number;
  /** `Endpoint=http://localhost;Port=...;AccessKey=...;Version=1.0;` for your app server or the Management SDK. */
  connectionString: string;
  /**
   * The URL a `@microsoft/signalr` client passes to `withUrl()`: the mock's no-app-server negotiate for `hub`,
   * connecting as `userId` (anonymous when left out).
   */
  clientUrl(hub: string, userId?: string): string;
  /**
   * In-process hub methods a client's `invoke()`/`send()` reaches: `mock.hub("chat").on("SendMessage", (ctx, text) =>
   * ctx.broadcast("newMessage", ctx.userId, text))`; the return value is the invoke() result.
   */
  hub(name: string): HubHandlers;
  admin: MockAdmin;
  /** Stops the server and closes every client; safe to call twice. */
  close(): Promise<void>;
}

/** The admin API (`/_hubkit/...`) without HTTP or tokens. */
export interface MockAdmin {
  /** Hubs, connections (real and virtual), groups and user-group pairs. */
  state(): StoreSnapshot;
  /** Forgets everything (clients are closed). */
  reset(): void;
  /** Adds a state (a file path or an object) on top of the current one (`reset: true` in it starts over). */
  applyFixture(state: string | Fixture): FixtureSummary;
  /** What each virtual connection received, optionally for one hub or connection. */
  messages(filter?: { hub?: string; connectionId?: string }): VirtualConnectionRecord[];
  /** The recent upstream calls (HTTP and in-process), as `GET /_hubkit/upstream` lists them. */
  upstreamCalls(filter?: { hub?: string; event?: string; connectionId?: string }): UpstreamRecord[];
}

/** Starts the mock. Rejects with a `HubkitError` (`code` e.g. `E_PORT_IN_USE`, `E_FIXTURE_INVALID`); never exits. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const spec = loadServedSpec();
  const fixture = options.state === undefined ? undefined : toFixture(options.state, spec);
  const log = logOption(options.quiet);
  const server: MockServer = await createMockServer({
    spec,
    ...(options.strictVersions ? { strictVersions: true } : {}),
    port: options.port ?? 0,
    ...(options.host ? { host: options.host } : {}),
    ...(options.accessKeys?.length ? { accessKeys: options.accessKeys } : {}),
    ...(options.apiVersions?.length ? { apiVersions: options.apiVersions } : {}),
    ...(fixture ? { fixture } : {}),
    ...(log ? { log } : {}),
    ...(options.upstream ? { upstream: options.upstream } : {}),
  });
  return {
    url: server.url,
    port: server.port,
    connectionString: server.connectionString,
    clientUrl: (hub, userId) =>
      `${server.url}/_hubkit/hubs/${encodeURIComponent(hub)}${userId === undefined ? "" : `?userId=${encodeURIComponent(userId)}`}`,
    hub: (name) => server.hub(name),
    admin: {
      state: () => server.store.snapshot(),
      reset: () => server.store.reset(),
      applyFixture: (state) => {
        const fixture = toFixture(state, spec);
        const applied = applyFixture(server.store, fixture, spec);
        applyUpstreamFixture(server.upstream, fixture);
        return applied;
      },
      messages: (filter) => server.virtualConnections.list(filter),
      upstreamCalls: (filter) => server.upstream.recorder.list(filter),
    },
    close: () => server.close(),
  };
}

function toFixture(state: string | Fixture, spec: SpecIndex): Fixture {
  if (typeof state === "string") return loadFixtureFile(state, spec);
  if (state === null || typeof state !== "object") {
    throw new HubkitError("state must be a state file path or a state object ({ hubs: {...} }).", {
      code: "E_FIXTURE_INVALID",
    });
  }
  // JSON is YAML: the file parser validates objects the same way (every problem at once).
  return parseFixture(JSON.stringify(state), "startMock({ state })", spec);
}

function logOption(quiet: StartMockOptions["quiet"]): ((line: string) => void) | undefined {
  if (typeof quiet === "function") return quiet;
  if (quiet === false) return (line) => process.stdout.write(`hubkit mock: ${line}\n`);
  return undefined;
}
