// A real SignalR client (@microsoft/signalr) that records every invocation and Close message it receives.
import {
  HttpTransportType,
  HubConnectionBuilder,
  type HubMessage,
  type IHubProtocol,
  JsonHubProtocol,
  LogLevel,
  MessageType,
} from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";
import type { ClientAnswer, ClosedInfo, HubClient, HubProtocolName, ReceivedMessage, TransportName } from "./target.js";

const TRANSPORTS: Record<TransportName, HttpTransportType> = {
  webSockets: HttpTransportType.WebSockets,
  serverSentEvents: HttpTransportType.ServerSentEvents,
  longPolling: HttpTransportType.LongPolling,
};

export interface HubClientOptions {
  /** `<client endpoint>/client/?hub=<name>` */
  url: string;
  token: string | undefined;
  hub: string;
  user: string | undefined;
  protocol: HubProtocolName;
  transport: TransportName;
  statefulReconnect?: boolean;
  signal?: AbortSignal;
  answers?: Readonly<Record<string, ClientAnswer>>;
}

export async function connectHubClient(options: HubClientOptions): Promise<HubClient> {
  const messages: ReceivedMessage[] = [];
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  let closeMessage: { error?: string; allowReconnect?: boolean } | undefined;
  let closed: ClosedInfo | undefined;
  let stopping = false;
  let pings = 0;
  const connectedAt = performance.now();

  // `connection.on(target)` only sees targets registered in advance; the protocol sees every message.
  const protocol = recording(
    options.protocol === "messagepack" ? new MessagePackHubProtocol() : new JsonHubProtocol(),
    (m) => {
      if (m.type === MessageType.Invocation) {
        messages.push({ target: m.target, arguments: m.arguments, atMs: performance.now() - connectedAt });
        notify();
      } else if (m.type === MessageType.Ping) {
        pings++;
        notify();
      } else if (m.type === MessageType.Close) {
        closeMessage = {
          ...(m.error ? { error: m.error } : {}),
          ...(m.allowReconnect !== undefined ? { allowReconnect: m.allowReconnect } : {}),
        };
      }
    },
  );
  const builder = new HubConnectionBuilder()
    .withUrl(options.url, {
      transport: TRANSPORTS[options.transport],
      ...(options.token === undefined ? {} : { accessTokenFactory: () => options.token! }),
    })
    .withHubProtocol(protocol)
    .configureLogging(LogLevel.None);
  const connection = (options.statefulReconnect ? builder.withStatefulReconnect() : builder).build();
  for (const [method, answer] of Object.entries(options.answers ?? {})) {
    connection.on(method, () => {
      if ("error" in answer) throw new Error(answer.error);
      return answer.result;
    });
  }
  connection.onclose((error) => {
    closed ??= {
      by: stopping ? "client" : "service",
      closeMessage: closeMessage !== undefined,
      ...(closeMessage?.error !== undefined ? { reason: closeMessage.error } : {}),
      ...(closeMessage?.allowReconnect !== undefined ? { allowReconnect: closeMessage.allowReconnect } : {}),
      ...(error ? { transportError: error.message } : {}),
    };
    notify();
  });
  const abort = () => {
    stopping = true;
    void connection.stop();
  };
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    await connection.start();
  } finally {
    options.signal?.removeEventListener("abort", abort);
  }
  return {
    connectionId: connection.connectionId ?? "",
    hub: options.hub,
    user: options.user,
    messages,
    get pings() {
      return pings;
    },
    get closed() {
      return closed;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    invoke: (method, args) => connection.invoke(method, ...args),
    send: (method, args) => connection.send(method, ...args),
    async stop() {
      if (closed) return;
      stopping = true;
      await connection.stop();
    },
  };
}

function recording(protocol: IHubProtocol, record: (message: HubMessage) => void): IHubProtocol {
  const parse = protocol.parseMessages.bind(protocol);
  protocol.parseMessages = (input, logger) => {
    const parsed = parse(input, logger);
    for (const message of parsed) record(message);
    return parsed;
  };
  return protocol;
}
