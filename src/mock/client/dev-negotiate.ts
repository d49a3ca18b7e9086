// `POST /_hubkit/hubs/<hub>/negotiate?userId=`: stands in for an app server, redirecting the client to the mock.
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAudience, signAccessToken } from "../../auth/index.js";
import type { Clock } from "../../clock.js";
import { invalidParameter, sendError } from "../errors.js";
import { hostHeaderName } from "../network-policy.js";
import { effectiveHubName } from "../store.js";
import { negotiateExpectsPost, noRoute, requestOrigin, sendJson } from "./http-util.js";
import { applicationNameProblem, hubNameProblem, type NamePatterns } from "./hub-name.js";

export interface DevNegotiateContext {
  enabled: boolean;
  /** Signs the client tokens; never logged. */
  accessKey: string;
  clock: Clock;
  log: (line: string) => void;
  names: NamePatterns;
}

export const DEV_NEGOTIATE_PATH = /^\/_hubkit\/hubs\/([^/]+)\/negotiate\/?$/;

export async function handleDevNegotiate(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: DevNegotiateContext,
): Promise<void> {
  req.resume();
  if (!ctx.enabled) {
    const off =
      "The no-app-server negotiate endpoint is off (the mock was started with --no-dev-negotiate, or listens on a network address without --dev-negotiate). Negotiate through your app server, or start the mock with --dev-negotiate.";
    sendError(res, req.method, noRoute(off));
    return;
  }
  const hub = readHub(url);
  if (hub === undefined) {
    sendError(res, req.method, noRoute("Expected POST /_hubkit/hubs/<hub>/negotiate?userId=<user>."));
    return;
  }
  if (req.method !== "POST") {
    sendError(res, req.method, negotiateExpectsPost());
    return;
  }
  const application = url.searchParams.get("application") || undefined;
  // The REST rules for each part; their `app_hub` is then always a name the client endpoints accept.
  const hubProblem = hubNameProblem(hub, ctx.names);
  const appProblem = application === undefined ? undefined : applicationNameProblem(application, ctx.names);
  if (hubProblem !== undefined || appProblem !== undefined) {
    const error =
      hubProblem === undefined ? invalidParameter("application", appProblem!) : invalidParameter("hub", hubProblem);
    sendError(res, req.method, error);
    return;
  }
  const userId = url.searchParams.get("userId") || undefined;
  // The token's audience and the returned URL are built from Host: a malformed one is the caller's mistake.
  const host = req.headers.host;
  if (host !== undefined && hostHeaderName(host) === undefined) {
    sendError(res, req.method, invalidParameter("Host", "The Host header is not a valid host[:port]."));
    return;
  }
  const origin = requestOrigin(req);
  const accessToken = await signAccessToken({
    accessKey: ctx.accessKey,
    audience: clientAudience(origin, hub, application),
    claims: userId === undefined ? {} : { "asrs.s.uid": userId },
    now: ctx.clock,
  });
  const effectiveHub = effectiveHubName(hub, application);
  ctx.log(`client dev negotiate hub=${effectiveHub} user=${userId ?? "-"}`);
  sendJson(res, 200, { url: `${origin}/client/?hub=${encodeURIComponent(effectiveHub)}`, accessToken });
}

function readHub(url: URL): string | undefined {
  const match = DEV_NEGOTIATE_PATH.exec(url.pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
