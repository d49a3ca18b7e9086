// Bench child: hubkit's mock on a free port, with IPC hooks to seed virtual connections and read memory and sockets.
import { systemClock } from "../../src/clock.js";
import { createMockServer } from "../../src/mock/server.js";
import { VirtualConnectionSink } from "../../src/mock/virtual-connection.js";
import { serveIpc } from "../lib/ipc.js";
import { BENCH_ACCESS_KEY } from "../lib/routes.js";

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  external: number;
}

export interface SocketCounts {
  /** Connections the store knows (live and virtual). */
  storeConnections: number;
  /** Open TCP sockets in this process (the listening socket not included). */
  tcpSockets: number;
}

const server = await createMockServer({ port: 0, host: "127.0.0.1", accessKeys: [BENCH_ACCESS_KEY] });
const gc = (globalThis as { gc?: () => void }).gc;

serveIpc(
  { port: server.port, url: server.url },
  {
    seedConnection(params: { hub: string; id: string }): number {
      server.store.connect({
        hub: params.hub,
        id: params.id,
        sink: new VirtualConnectionSink(systemClock),
        kind: "virtual",
      });
      return server.store.connectionCount();
    },
    seedVirtual(params: { hub: string; prefix: string; count: number }): number {
      for (let i = 0; i < params.count; i++) {
        const sink = new VirtualConnectionSink(systemClock);
        server.store.connect({ hub: params.hub, id: `${params.prefix}${i}`, sink, kind: "virtual" });
      }
      return server.store.connectionCount();
    },
    async memory(params: { collect?: boolean }): Promise<MemoryFigures> {
      if (params.collect !== false) {
        // Two full collections with a turn of the event loop between them, so finalizers and weak refs settle.
        gc?.();
        await new Promise((resolve) => setTimeout(resolve, 50));
        gc?.();
      }
      const usage = process.memoryUsage();
      return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external };
    },
    counts(): SocketCounts {
      const resources = process.getActiveResourcesInfo();
      return {
        storeConnections: server.store.connectionCount(),
        tcpSockets: resources.filter((r) => r === "TCPSocketWrap").length,
      };
    },
    async close(): Promise<null> {
      await server.close();
      return null;
    },
  },
);
