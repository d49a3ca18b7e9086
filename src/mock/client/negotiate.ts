// `POST /client/negotiate?hub=`: verify the client token, register a connection, list the transports.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenVerifier } from "../../auth/index.js";
import type { IdSource } from "../../clock.js";
import { invalidParameter, sendError } from "../errors.js";
import type { ConnectionRegistry } from "./connection-registry.js";
import { negotiateExpectsPost, requestScheme, requestToken, sendJson, sendText } from "./http-util.js";
import { clientHubNameProblem, type NamePatterns } from "./hub-name.js";
import { HubSession, type SessionContext } from "./hub-session.js";

export interface NegotiateContext {
  verifier: TokenVerifier;
  ids: IdSource;
  registry: ConnectionRegistry;
  session: SessionContext;
  /** Hub and application rules from the mock's SpecIndex. */
  names: NamePatterns;
}

/** Every transport the mock serves; Server-Sent Events carry text only, so MessagePack clients skip them. */
export const AVAILABLE_TRANSPORTS = [
  { transport: "WebSockets", transferFormats: ["Text", "Binary"] },
  { transport: "ServerSentEvents", transferFormats: ["Text"] },
  { transport: "LongPolling", transferFormats: ["Text", "Binary"] },
] as const;

export function handleNegotiate(req: IncomingMessage, res: ServerResponse, url: URL, ctx: NegotiateContext): void {
  req.resume();
  if (req.method !== "POST") {
    sendError(res, req.method, negotiateExpectsPost());
    return;
  }
  const hub = url.searchParams.get("hub");
  const problem = clientHubNameProblem(hub, ctx.names);
  if (problem !== undefined || hub === null) {
    sendError(res, req.method, invalidParameter("hub", problem ?? "The 'hub' query parameter is required."));
    return;
  }
  const auth = ctx.verifier.verifyClient(requestToken(req, url), {
    scheme: requestScheme(req),
    host: req.headers.host ?? "",
    hub,
  });
  if (!auth.ok) {
    ctx.session.log(`client negotiate rejected hub=${hub.toLowerCase()} reason=${auth.reason}`);
    sendText(res, 401, "", { "WWW-Authenticate": auth.challenge });
    return;
  }
  const version = Number(url.searchParams.get("negotiateVersion") ?? "0") >= 1 ? 1 : 0;
  const connectionId = ctx.ids.next();
  // Version 1 separates the secret token (used as `id`) from the public connection id, as ASP.NET Core does.
  const token = version === 1 ? randomBytes(16).toString("base64url") : connectionId;
  const session = new HubSession(
    {
      token,
      connectionId,
      hub: hub.toLowerCase(),
      userId: auth.userId,
      claims: auth.claims,
      query: url.search.slice(1),
    },
    ctx.session,
  );
  // Stateful reconnect only when the client asks: @microsoft/signalr refuses an answer that offers it unasked.
  const stateful = url.searchParams.get("useStatefulReconnect") === "true";
  session.statefulAsked = stateful;
  ctx.registry.add(session);
  sendJson(res, 200, {
    ...(stateful ? { useStatefulReconnect: true } : {}),
    negotiateVersion: version,
    connectionId,
    ...(version === 1 ? { connectionToken: token } : {}),
    availableTransports: AVAILABLE_TRANSPORTS,
  });
}
