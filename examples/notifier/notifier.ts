// Example consumer: a small service that notifies users through the Azure SignalR Service REST API (2022-06-01).
// Its Pact tests (notifier.pact.test.ts) record what it expects from the service in contracts/example-notifier.json.
import { request } from "undici";
import { parseConnectionString, restAudience, signAccessToken } from "../../src/auth/index.js";

export const API_VERSION = "2022-06-01";

export interface NotifierOptions {
  /** `Endpoint=https://<name>.service.signalr.net;AccessKey=<key>;Version=1.0;` (or hubkit mock's). */
  connectionString: string;
  /** Default `notifications`. */
  hub?: string;
}

export interface Notifier {
  /** Sends `notify(message)` to every connection of the user. */
  notifyUser(user: string, message: string): Promise<void>;
  /** Sends `notify(message)` to every connection of the hub. */
  broadcast(message: string): Promise<void>;
  /** Sends `notify(message)` to every connection in the group. */
  notifyGroup(group: string, message: string): Promise<void>;
  /** Adds the user (current and future connections) to the group. */
  addToGroup(user: string, group: string): Promise<void>;
  isInGroup(user: string, group: string): Promise<boolean>;
  /** True when the user has at least one connection. */
  isOnline(user: string): Promise<boolean>;
  /** Closes one client connection (e.g. after a logout). */
  disconnect(connectionId: string): Promise<void>;
}

export class NotifierError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly errorCode: string | undefined,
  ) {
    super(`${operation} failed with ${status}${errorCode ? ` (${errorCode})` : ""}`);
    this.name = "NotifierError";
  }
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { endpoint, accessKey } = parseConnectionString(options.connectionString);
  const hub = encodeURIComponent(options.hub ?? "notifications");

  async function call(method: string, path: string, body?: unknown): Promise<number> {
    const pathAndQuery = `/api/hubs/${hub}${path}?api-version=${API_VERSION}`;
    const token = await signAccessToken({ accessKey, audience: restAudience(endpoint, pathAndQuery) });
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await request(endpoint + pathAndQuery, {
      method: method as "GET",
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await response.body.dump();
    return check(`${method} ${path}`, response.statusCode, response.headers["x-ms-error-code"]);
  }

  const message = (text: string) => ({ target: "notify", arguments: [text] });
  const exists = async (path: string) => (await call("HEAD", path)) === 200;
  const user = (name: string) => `/users/${encodeURIComponent(name)}`;
  const group = (name: string) => `/groups/${encodeURIComponent(name)}`;

  return {
    notifyUser: async (name, text) => void (await call("POST", `${user(name)}/:send`, message(text))),
    broadcast: async (text) => void (await call("POST", "/:send", message(text))),
    notifyGroup: async (name, text) => void (await call("POST", `${group(name)}/:send`, message(text))),
    addToGroup: async (name, groupName) => void (await call("PUT", `${user(name)}${group(groupName)}`)),
    isInGroup: (name, groupName) => exists(`${user(name)}${group(groupName)}`),
    isOnline: (name) => exists(user(name)),
    disconnect: async (connectionId) => void (await call("DELETE", `/connections/${encodeURIComponent(connectionId)}`)),
  };
}

/** 2xx is success; a 404 is an answer ("not there") only on existence checks, which carry x-ms-error-code. */
function check(operation: string, status: number, errorCode: string | string[] | undefined): number {
  const code = Array.isArray(errorCode) ? errorCode[0] : errorCode;
  if (status >= 200 && status < 300) return status;
  if (status === 404 && operation.startsWith("HEAD") && code !== undefined) return status;
  throw new NotifierError(operation, status, code);
}
