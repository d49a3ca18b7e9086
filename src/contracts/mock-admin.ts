// Talks to a separately started hubkit mock through its admin API (`/_hubkit/`): detect it, apply fixtures.
import { request } from "undici";
import { restAudience, signAccessToken } from "../auth/index.js";
import type { Fixture } from "../mock/fixtures/index.js";
import type { FixtureApplier } from "./fixture-states.js";

interface AdminCall {
  endpoint: string;
  accessKey: string;
}

/** True when the endpoint answers `GET /_hubkit/state` like hubkit's mock (a live service answers 404 or 401). */
export async function isHubkitMock(call: AdminCall): Promise<boolean> {
  try {
    const response = await adminRequest(call, "GET", "/_hubkit/state");
    const text = await response.body.text();
    if (response.statusCode !== 200) return false;
    const state = JSON.parse(text) as { hubs?: unknown };
    return Array.isArray(state.hubs);
  } catch {
    return false;
  }
}

export function remoteFixtureApplier(call: AdminCall): FixtureApplier {
  return async (fixture: Fixture) => {
    const response = await adminRequest(call, "POST", "/_hubkit/fixtures", JSON.stringify(fixture));
    const text = await response.body.text();
    if (response.statusCode >= 300) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // Not an ErrorDetail: show the body as it came.
      }
      throw new Error(`the mock refused the state (${response.statusCode}): ${message}`);
    }
  };
}

async function adminRequest(call: AdminCall, method: "GET" | "POST", path: string, body?: string) {
  const token = await signAccessToken({ accessKey: call.accessKey, audience: restAudience(call.endpoint, path) });
  return request(call.endpoint.replace(/\/$/, "") + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body } : {}),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
}
