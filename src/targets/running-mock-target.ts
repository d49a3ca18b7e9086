// A hubkit mock started elsewhere (`hubkit mock`), reached through a connection string: REST and clients like any
// target, seeding through its admin API (`POST /_hubkit/fixtures`). A connection string that names no hubkit mock
// opens the live target instead.
import { parseConnectionString } from "../auth/index.js";
import { createHttpTarget } from "./http-target.js";
import { createLiveTargetFactory } from "./live-target.js";
import type { Target } from "./target.js";

/** A mock that has not answered its admin API by then is treated as absent (probe) or as failing (seed). */
const ADMIN_TIMEOUT_MS = 10_000;

export interface RunningMockOptions {
  endpoint: string;
  accessKey: string;
  clientEndpoint?: string;
}

/** The running mock as a Target whose `seed` posts the fixture to the mock's admin API. */
export function createRunningMockTarget(options: RunningMockOptions): Target {
  const target = createHttpTarget({
    kind: "mock",
    endpoint: options.endpoint,
    accessKey: options.accessKey,
    ...(options.clientEndpoint ? { clientEndpoint: options.clientEndpoint } : {}),
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
