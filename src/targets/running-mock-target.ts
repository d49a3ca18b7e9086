// A hubkit mock started elsewhere (`hubkit mock`), reached through a connection string: REST and clients like any
// target, seeding through its admin API (`POST /_hubkit/fixtures`). A connection string that names no hubkit mock
// opens the live target instead.
import { type ConnectionInfo, parseConnectionString } from "../auth/index.js";
import { createHttpTarget } from "./http-target.js";
import { createLiveTargetFactory, type LiveTargetOptions } from "./live-target.js";
import type { Target, TargetFactory } from "./target.js";

/** A mock that has not answered its admin API by then is treated as absent (probe) or as failing (seed). */
const ADMIN_TIMEOUT_MS = 10_000;

export interface RunningMockOptions {
  endpoint: string;
  accessKey: string;
  clientEndpoint?: string;
  /** A second key the mock accepts, for `auth: secondary` steps. */
  secondaryAccessKey?: string;
}

/** How reports name a hubkit mock reached by URL (its kind is "mock": it seeds, unlike a live service). */
const RUNNING_MOCK_DESCRIPTION = "running hubkit mock";

/** The running mock as a Target whose `seed` posts the fixture to the mock's admin API. */
export function createRunningMockTarget(options: RunningMockOptions): Target {
  const target = createHttpTarget({
    kind: "mock",
    description: RUNNING_MOCK_DESCRIPTION,
    endpoint: options.endpoint,
    accessKey: options.accessKey,
    ...(options.clientEndpoint ? { clientEndpoint: options.clientEndpoint } : {}),
    ...(options.secondaryAccessKey ? { secondaryAccessKey: options.secondaryAccessKey } : {}),
  });
  target.seed = async (fixture) => {
    const response = await target.request({
      method: "POST",
      pathAndQuery: "/_hubkit/fixtures",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fixture ?? {}),
      auth: "valid",
      signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
    });
    if (response.status >= 300) {
      throw new Error(`the mock refused the state (${response.status}): ${errorMessage(response.body)}`);
    }
  };
  return target;
}

/** True when the target answers `GET /_hubkit/state` like hubkit's mock (a live service answers 404 or 401). */
export async function isHubkitMock(target: Target): Promise<boolean> {
  try {
    const response = await target.request({
      method: "GET",
      pathAndQuery: "/_hubkit/state",
      auth: "valid",
      signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
    });
    if (response.status !== 200) return false;
    return Array.isArray((JSON.parse(response.body) as { hubs?: unknown }).hubs);
  } catch {
    return false;
  }
}

/**
 * The target a connection string names: a running hubkit mock (which can be seeded) when its admin API answers with
 * this key, else the live service. A bad connection string is a usage error, as for `hubkit run`.
 */
export async function openConnectionStringTarget(connectionString: string): Promise<Target> {
  const info = parseConnectionString(connectionString);
  const mock = createRunningMockTarget({
    endpoint: info.endpoint,
    accessKey: info.accessKey,
    ...(info.clientEndpoint ? { clientEndpoint: info.clientEndpoint } : {}),
  });
  if (await isHubkitMock(mock)) return mock;
  await mock.close();
  return createLiveTargetFactory({ connectionString }).create();
}

/**
 * `hubkit run`'s targets for credentials (connection string, or endpoint and key): the first `create` asks the
 * endpoint's admin API once whether it is a hubkit mock; if so every worker gets a running-mock target (seeded
 * through the admin API), else a live target (`seed` steps skip). Credentials are checked at once (usage errors).
 */
export function createConnectionStringTargetFactory(
  options: LiveTargetOptions,
): TargetFactory & { info: ConnectionInfo } {
  const live = createLiveTargetFactory(options);
  const running: RunningMockOptions = {
    endpoint: live.info.endpoint,
    accessKey: live.info.accessKey,
    ...(live.info.clientEndpoint ? { clientEndpoint: live.info.clientEndpoint } : {}),
    ...(options.secondaryAccessKey ? { secondaryAccessKey: options.secondaryAccessKey } : {}),
  };
  let probe: Promise<boolean> | undefined;
  let isMock = false;
  return {
    get kind() {
      return isMock ? "mock" : "live";
    },
    info: live.info,
    async create() {
      probe ??= (async () => {
        const candidate = createRunningMockTarget(running);
        try {
          return await isHubkitMock(candidate);
        } finally {
          await candidate.close();
        }
      })();
      isMock = await probe;
      return isMock ? createRunningMockTarget(running) : live.create();
    },
  };
}

/** The ErrorDetail's message and its details' (each fixture problem) when the body is one; else the body as it came. */
function errorMessage(body: string): string {
  try {
    const error = JSON.parse(body) as { message?: string; details?: Array<{ message?: string }> };
    const details = (error.details ?? []).flatMap((d) => (d.message ? [d.message] : []));
    return [error.message ?? body, ...details].join("; ");
  } catch {
    return body;
  }
}
