// Starts hubkit's mock and a client fleet process sized for a number of WebSocket clients.
import { startTsChild, type TsChild } from "../lib/children.js";

/** Sockets plus what Node itself keeps open (pipes, epoll, the IPC channel, undici's pool). */
export function fdsFor(clients: number): number {
  return clients + 512;
}

export interface FleetSetup {
  hubkit: TsChild;
  fleet: TsChild;
  url: string;
}

/** The children are pushed onto `children` as soon as they exist, so the caller's cleanup stops them on failure. */
export async function connectFleet(children: TsChild[], clients: number): Promise<FleetSetup> {
  const hubkit = startTsChild({
    name: "hubkit mock",
    script: "bench/servers/hubkit-server.ts",
    fileDescriptors: fdsFor(clients),
    underTest: true,
  });
  children.push(hubkit);
  const { url } = await hubkit.ipc.ready<{ url: string }>(30_000);
  const fleet = startTsChild({
    name: "client fleet",
    script: "bench/clients/ws-fleet.ts",
    args: [url],
    fileDescriptors: fdsFor(clients),
  });
  children.push(fleet);
  await fleet.ipc.ready(30_000);
  return { hubkit, fleet, url };
}
