// Calls the mock's REST API the way the Management SDK does (signed REST token), for tests of REST effects on clients.
import { restAudience, signAccessToken } from "../../../src/auth/index.js";
import type { Clock } from "../../../src/clock.js";

export interface RestCall {
  method: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  /** After `/api/hubs/`, e.g. `chat/:send` or `chat/groups/g1/connections/c1`. */
  path: string;
  query?: Record<string, string | number | readonly string[] | undefined>;
  body?: unknown;
}

export interface Rest {
  call(call: RestCall): Promise<number>;
  send(path: string, target: string, args: unknown[], query?: RestCall["query"]): Promise<number>;
}

/** `clock`: the mock's, when it runs on a manual clock (tokens carry `nbf`, checked against the mock's time). */
export function restClient(baseUrl: string, accessKey: string, clock?: Clock): Rest {
  const call = async ({ method, path, query = {}, body }: RestCall): Promise<number> => {
    const params = new URLSearchParams({ "api-version": "2022-06-01" });
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
    }
    const pathAndQuery = `/api/hubs/${path}?${params}`;
    const token = await signAccessToken({
      accessKey,
      audience: restAudience(baseUrl, pathAndQuery),
      ...(clock ? { now: clock } : {}),
    });
    const response = await fetch(baseUrl + pathAndQuery, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.arrayBuffer();
    return response.status;
  };
  return {
    call,
    send: (path, target, args, query) => call({ method: "POST", path, query, body: { target, arguments: args } }),
  };
}
