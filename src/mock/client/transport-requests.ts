// Requests on `/client/?hub=&id=`: WebSocket upgrades, the SSE stream, long polls, client POSTs and DELETE.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocketServer } from "ws";
import type { AuthResult } from "../../auth/index.js";
import { readBody, rejectUpgrade, requestScheme, requestToken, sendText } from "./http-util.js";
import { clientHubNameProblem } from "./hub-name.js";
import { HubSession } from "./hub-session.js";
import type { NegotiateContext } from "./negotiate.js";
import { resumeWebSocket } from "./resume-upgrade.js";
import { LongPollingTransport } from "./transports/long-polling.js";
import { attachServerSentEvents } from "./transports/sse.js";
import { attachWebSocket } from "./transports/websocket.js";

export interface TransportContext extends NegotiateContext {
  wss: WebSocketServer;
}

type Refusal = { status: number; text: string; headers?: Record<string, string> };

const ALREADY_CONNECTED = "This connection already has a transport; negotiate a new connection.";

const NO_CONNECTION: Refusal = {
  status: 404,
  text: "No connection with that id in this hub: negotiate first (POST /client/negotiate?hub=<hub>) and pass its connectionToken as id.",
};

/** The hub and the caller's token, checked before anything else (as the service authenticates first). */
function authorize(req: IncomingMessage, url: URL, ctx: TransportContext): { hub: string; auth: AuthResult } | Refusal {
  const hub = url.searchParams.get("hub");
  const problem = clientHubNameProblem(hub, ctx.names);
  if (problem !== undefined || hub === null) return { status: 400, text: problem ?? "" };
  const auth = ctx.verifier.verifyClient(requestToken(req, url), {
    scheme: requestScheme(req),
    host: req.headers.host ?? "",
    hub,
  });
  if (!auth.ok) return { status: 401, text: "", headers: { "WWW-Authenticate": auth.challenge } };
  return { hub: hub.toLowerCase(), auth };
}

function findSession(url: URL, hub: string, ctx: TransportContext): HubSession | Refusal {
  const id = url.searchParams.get("id");
  const session = id === null ? undefined : ctx.registry.get(id);
  return session && session.hub === hub ? session : NO_CONNECTION;
}

export function handleTransportUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
  ctx: TransportContext,
): void {
  const checked = authorize(req, url, ctx);
  if ("status" in checked) {
    rejectUpgrade(socket, checked.status, checked.text, checked.headers);
    return;
  }
  let session: HubSession | Refusal;
  if (url.searchParams.has("id")) {
    session = findSession(url, checked.hub, ctx);
  } else {
    // skipNegotiation (WebSockets only, as in ASP.NET Core): the connection starts here.
    const connectionId = ctx.ids.next();
    const userId = checked.auth.ok ? checked.auth.userId : undefined;
    const claims = checked.auth.ok ? checked.auth.claims : undefined;
    session = new HubSession(
      { token: connectionId, connectionId, hub: checked.hub, userId, claims, query: url.search.slice(1) },
      ctx.session,
    );
    ctx.registry.add(session);
  }
  if ("status" in session) {
    rejectUpgrade(socket, session.status, session.text);
    return;
  }
  if (session.resumable) {
    resumeWebSocket({ req, socket, head, session, ctx });
    return;
  }
  if (session.state !== "negotiated") {
    rejectUpgrade(socket, 409, ALREADY_CONNECTED);
    return;
  }
  const found = session;
  ctx.wss.handleUpgrade(req, socket, head, (ws) => {
    if (found.state !== "negotiated") {
      ws.close(1008, "connection already has a transport");
      return;
    }
    found.attach(attachWebSocket(ws, found, ctx.session.settings.maxBufferedBytes));
  });
}

export async function handleTransportRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: TransportContext,
): Promise<void> {
  const checked = authorize(req, url, ctx);
  const session = "status" in checked ? checked : findSession(url, checked.hub, ctx);
  if ("status" in session) {
    req.resume();
    sendText(res, session.status, session.text, session.headers);
    return;
  }
  switch (req.method) {
    case "GET":
      handleGet(req, res, session, ctx);
      break;
    case "POST":
      await handlePost(req, res, session, ctx);
      break;
    case "DELETE":
      handleDelete(res, session, ctx);
      break;
    default:
      sendText(res, 405, "Expected GET, POST or DELETE on /client/.", { Allow: "GET, POST, DELETE, OPTIONS" });
  }
}

function handleGet(req: IncomingMessage, res: ServerResponse, session: HubSession, ctx: TransportContext): void {
  const { settings } = ctx.session;
  const transport = session.transport;
  if (transport instanceof LongPollingTransport) {
    transport.handlePoll(res);
    return;
  }
  if (transport !== undefined || session.state !== "negotiated") {
    sendText(res, 409, ALREADY_CONNECTED);
    return;
  }
  if (req.headers.accept?.includes("text/event-stream")) {
    session.attach(attachServerSentEvents(res, session, settings.maxBufferedBytes));
    return;
  }
  session.attach(
    new LongPollingTransport(session, {
      pollTimeoutMs: settings.longPollingTimeoutMs,
      maxBufferedBytes: settings.maxBufferedBytes,
      isBinary: () => session.protocol?.transferFormat === "Binary",
      onFinished: () => ctx.registry.remove(session),
    }),
  );
  // The first poll only opens the connection, so it answers at once.
  sendText(res, 200);
}

async function handlePost(
  req: IncomingMessage,
  res: ServerResponse,
  session: HubSession,
  ctx: TransportContext,
): Promise<void> {
  const kind = session.transport?.kind;
  if (kind === undefined || kind === "WebSockets") {
    req.resume();
    if (kind === undefined) sendText(res, 400, "Open the connection first (GET for long polling or the event stream).");
    else sendText(res, 405, "POST carries client data for Server-Sent Events and long polling connections only.");
    return;
  }
  const { maxMessageBytes } = ctx.session.settings;
  const result = await readBody(req, maxMessageBytes);
  // Half a message is no message: drop it and leave the connection as it was (a client that is gone stops polling).
  if (result.kind === "aborted") return;
  if (result.kind === "tooLarge") {
    session.fail(`A client message exceeded the maximum size of ${maxMessageBytes} bytes.`);
    sendText(res, 413, `The request body is larger than ${maxMessageBytes} bytes.`, { Connection: "close" });
    return;
  }
  if (session.state === "closed") {
    sendText(res, 404, NO_CONNECTION.text);
    return;
  }
  session.receive(result.body);
  sendText(res, 200);
}

function handleDelete(res: ServerResponse, session: HubSession, ctx: TransportContext): void {
  if (session.transport?.kind !== "LongPolling") {
    sendText(res, 400, "Only long polling connections end with DELETE; close the WebSocket or event stream instead.");
    return;
  }
  session.end("client stopped (DELETE)");
  ctx.registry.remove(session);
  sendText(res, 202);
}
