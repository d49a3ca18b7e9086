// Who may use the dashboard: loopback callers get a session freely; other binds need the access key once (login).
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestScheme } from "../client/http-util.js";
import type { MockErrorName } from "../error-templates.js";

const SESSION_COOKIE = "hubkit_dashboard";
/** Sessions live until the mock stops; a page left open a week must not grow the set without bound. */
const MAX_SESSIONS = 256;

export interface DashboardAccessOptions {
  accessKeys: readonly string[];
  /** True on a non-loopback bind: a session needs one of the access keys. */
  requireLogin: boolean;
}

export type SessionGrant = { ok: true } | { ok: false; error: MockErrorName; message: string; target: string };

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export class DashboardAccess {
  private readonly sessions = new Set<string>();

  constructor(private readonly options: DashboardAccessOptions) {}

  get requireLogin(): boolean {
    return this.options.requireLogin;
  }

  /**
   * Issues a session cookie when the caller may have one. Loopback mode: only a loopback peer addressing the mock by
   * a loopback name (a DNS-rebound page from another site would name its own host). Login mode: the access key.
   */
  grant(req: IncomingMessage, res: ServerResponse, accessKey: string | undefined): SessionGrant {
    if (this.options.requireLogin) {
      if (accessKey === undefined || accessKey === "") {
        return refusal(
          "dashboardLoginRequired",
          "This mock listens beyond loopback: sign in with one of its access keys.",
          "accessKey",
        );
      }
      if (!this.options.accessKeys.some((key) => sameSecret(key, accessKey))) {
        return refusal("dashboardLoginFailed", "That is not one of this mock's access keys.", "accessKey");
      }
    } else if (!isLoopbackPeer(req) || !LOOPBACK_HOSTS.has(hostName(req.headers.host ?? ""))) {
      return refusal(
        "dashboardNotLoopback",
        "The dashboard issues sessions only to loopback clients (http://localhost or http://127.0.0.1).",
        "host",
      );
    }
    const token = randomBytes(24).toString("base64url");
    this.sessions.add(token);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value!);
    res.setHeader(
      "Set-Cookie",
      `${SESSION_COOKIE}=${token}; Path=/_hubkit/; HttpOnly; SameSite=Strict${requestScheme(req) === "https" ? "; Secure" : ""}`,
    );
    return { ok: true };
  }

  hasSession(req: IncomingMessage): boolean {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    return token !== undefined && this.sessions.has(token);
  }

  /** State-changing calls must come from the dashboard's own origin (a second guard after SameSite=Strict). */
  sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin !== undefined && origin === `${requestScheme(req)}://${req.headers.host ?? ""}`;
  }

  clear(): void {
    this.sessions.clear();
  }
}

function refusal(error: MockErrorName, message: string, target: string): SessionGrant {
  return { ok: false, error, message, target };
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopbackPeer(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? "";
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** `localhost:8888` -> `localhost`, `[::1]:8888` -> `[::1]`. */
function hostName(host: string): string {
  const text = host.toLowerCase();
  if (text.startsWith("[")) return text.slice(0, text.indexOf("]") + 1);
  const colon = text.indexOf(":");
  return colon < 0 ? text : text.slice(0, colon);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether a bind address keeps the mock on this machine (the dashboard then needs no login). */
export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || host.startsWith("127.");
}
