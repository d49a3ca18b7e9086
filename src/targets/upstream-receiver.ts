// The runner's own upstream receiver (`hubkit run --upstream-listen PORT`): a live service's upstream URL points here,
// so `expectUpstream` can check what a real Azure SignalR resource sends. It accepts every call (200, no body).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HubkitError } from "../errors.js";
import { signatureVerifies } from "../mock/upstream/index.js";
import type { Target, TargetFactory, UpstreamCall, UpstreamProbe } from "./target.js";

export interface UpstreamReceiver extends UpstreamProbe {
  url: string;
  close(): Promise<void>;
}

const MAX_CALLS = 1000;

export async function startUpstreamReceiver(options: {
  port: number;
  host?: string;
  accessKeys: readonly string[];
}): Promise<UpstreamReceiver> {
  const calls: UpstreamCall[] = [];
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers[req.rawHeaders[i]!] = req.rawHeaders[i + 1]!;
      const get = (name: string) => String(req.headers[name.toLowerCase()] ?? "");
      const json = get("content-type").startsWith("application/json");
      const body = Buffer.concat(chunks);
      seq += 1;
      calls.push({
        seq,
        hub: get("x-asrs-hub").toLowerCase(),
        category: get("x-asrs-category"),
        event: get("x-asrs-event"),
        connectionId: get("x-asrs-connection-id"),
        headers,
        body: body.toString(json ? "utf8" : "base64"),
        bodyEncoding: json ? "utf8" : "base64",
      });
      if (calls.length > MAX_CALLS) calls.shift();
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new HubkitError(`--upstream-listen cannot listen on port ${options.port} (${error.code ?? error.message}).`, {
          code: "E_LISTEN",
          hint: "Pick a free port, and point the resource's upstream URL template at it.",
        }),
      ),
    );
    server.listen(options.port, options.host ?? "0.0.0.0", resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: async () => [...calls],
    signatureVerifies: (header, connectionId) => signatureVerifies(header, connectionId, options.accessKeys),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Gives every target the factory creates the receiver as its `upstream` (one receiver for the whole run). */
export function withUpstreamReceiver(factory: TargetFactory, port: number | undefined): TargetFactory {
  if (port === undefined) return factory;
  const keys = "info" in factory ? [(factory as { info: { accessKey: string } }).info.accessKey] : [];
  let receiver: Promise<UpstreamReceiver> | undefined;
  return {
    kind: factory.kind,
    async create(): Promise<Target> {
      receiver ??= startUpstreamReceiver({ port, accessKeys: keys });
      const [target, probe] = await Promise.all([factory.create(), receiver]);
      target.upstream = probe;
      return target;
    },
    async close() {
      await factory.close?.();
      await (await receiver)?.close();
    },
  };
}
