// The requests every bench sends: one hub, one seeded connection, one small message, and a key that signs them.

/** A throwaway key for the bench's own mock processes (never a real service key). */
export const BENCH_ACCESS_KEY = "hubkit-bench-key-0123456789abcdefghijklmnopqrstuv";
export const HUB = "chat";
export const GROUP = "half";
/** The virtual connection `HEAD` asks about; seeded in hubkit's mock before the run. */
export const SEEDED_CONNECTION = "bench-conn";
export const API_VERSION = "api-version=2022-06-01";
export const MESSAGE_TARGET = "benchMessage";

export const SEND_PATH = `/api/hubs/${HUB}/:send?${API_VERSION}`;
export const GROUP_SEND_PATH = `/api/hubs/${HUB}/groups/${GROUP}/:send?${API_VERSION}`;
export const HEAD_PATH = `/api/hubs/${HUB}/connections/${SEEDED_CONNECTION}?${API_VERSION}`;

export function groupMemberPath(connectionId: string): string {
  return `/api/hubs/${HUB}/groups/${GROUP}/connections/${encodeURIComponent(connectionId)}?${API_VERSION}`;
}

/** The small JSON body of the REST throughput runs (48 bytes). */
export const SMALL_BODY = JSON.stringify({ target: "newMessage", arguments: ["hello", 42] });

export function messageBody(seq: number): string {
  return JSON.stringify({ target: MESSAGE_TARGET, arguments: [seq] });
}
