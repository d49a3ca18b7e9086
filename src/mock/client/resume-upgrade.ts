// The WebSocket upgrade of a stateful-reconnect client coming back with its connectionToken after a drop.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocketServer } from "ws";
import type { HubSession } from "./hub-session.js";
import type { NegotiateContext } from "./negotiate.js";
import { attachWebSocket } from "./transports/websocket.js";

export function resumeWebSocket(options: {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  session: HubSession;
  /** transport-requests.ts's TransportContext, named by its parts so that file alone imports this one. */
  ctx: NegotiateContext & { wss: WebSocketServer };
}): void {
  const { session, ctx } = options;
  ctx.wss.handleUpgrade(options.req, options.socket, options.head, (ws) => {
    if (!session.resumable) {
      ws.close(1008, "the connection can no longer be resumed");
      return;
    }
    // No new handshake: the client goes on with the hub protocol it already uses.
    session.resume(attachWebSocket(ws, session, ctx.session.settings.maxBufferedBytes));
  });
}
