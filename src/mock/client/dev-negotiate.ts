// `POST /_hubkit/hubs/<hub>/negotiate?userId=`: stands in for an app server, redirecting the client to the mock.
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAudience, signAccessToken } from "../../auth/index.js";
import type { Clock } from "../../clock.js";
import { effectiveHubName } from "../store.js";
import { requestOrigin, sendJson, sendText } from "./http-util.js";
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
    sendText(
      res,
      404,
      "The no-app-server negotiate endpoint is off (the mock was started with --no-dev-negotiate). Negotiate through your app server, or start the mock without that flag.",
    );
    return;
  }
  const hub = readHub(url);
  if (hub === undefined) {
    sendText(res, 404, "Expected POST /_hubkit/hubs/<hub>/negotiate?userId=<user>.");
    return;
  }
  if (req.method !== "POST") {
    sendText(res, 405, "Negotiate expects POST.", { Allow: "POST, OPTIONS" });
    return;
  }
  const application = url.searchParams.get("application") || undefined;
  // The REST rules for each part; their `app_hub` is then always a name the client endpoints accept.
  const problem =
    hubNameProblem(hub, ctx.names) ??
    (application === undefined ? undefined : applicationNameProblem(application, ctx.names));
  if (problem !== undefined) {
    sendText(res, 400, problem);
    return;
  }
  const userId = url.searchParams.get("userId") || undefined;
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
