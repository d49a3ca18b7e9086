// The hub handshake: read `{"protocol":"json","version":1}` + 0x1E, pick the protocol, build the response frame.
import type { HubProtocol, TransferFormat } from "./protocols/hub-protocol.js";
import { SUPPORTED_VERSIONS } from "./protocols/hub-protocol.js";
import { jsonProtocol, RECORD_SEPARATOR } from "./protocols/json.js";
import { messagePackProtocol } from "./protocols/messagepack.js";

const PROTOCOLS: ReadonlyMap<string, HubProtocol> = new Map([
  [jsonProtocol.name, jsonProtocol],
  [messagePackProtocol.name, messagePackProtocol],
]);

/** A handshake request is a few dozen bytes; anything this long without a separator is not one. */
export const MAX_HANDSHAKE_BYTES = 4096;

export const HANDSHAKE_OK: Buffer = Buffer.from("{}\u001e", "utf8");

export type HandshakeResult =
  /** No separator yet: keep the bytes and wait for more. */
  | { kind: "incomplete" }
  | { kind: "accepted"; protocol: HubProtocol; rest: Buffer | undefined }
  | { kind: "rejected"; error: string };

/** Reads the handshake request at the start of `data` for a transport that carries `transferFormats`. */
export function readHandshake(data: Buffer, transferFormats: readonly TransferFormat[]): HandshakeResult {
  const end = data.indexOf(RECORD_SEPARATOR);
  if (end < 0) {
    return data.length > MAX_HANDSHAKE_BYTES
      ? { kind: "rejected", error: "Handshake request too long: expected a small JSON object followed by 0x1E." }
      : { kind: "incomplete" };
  }
  const request = parseRequest(data.toString("utf8", 0, end));
  if (typeof request === "string") return { kind: "rejected", error: request };
  const protocol = PROTOCOLS.get(request.protocol);
  if (!protocol) {
    return {
      kind: "rejected",
      error: `Requested protocol '${request.protocol}' is not available. The mock speaks 'json' and 'messagepack'.`,
    };
  }
  if (!SUPPORTED_VERSIONS.includes(request.version)) {
    return {
      kind: "rejected",
      error: `The server does not support version ${request.version} of the '${protocol.name}' protocol.`,
    };
  }
  if (!transferFormats.includes(protocol.transferFormat)) {
    return {
      kind: "rejected",
      error: `Cannot use the '${protocol.name}' protocol on the current transport. The transport does not support '${protocol.transferFormat}' transfer format.`,
    };
  }
  return { kind: "accepted", protocol, rest: end + 1 < data.length ? data.subarray(end + 1) : undefined };
}

export function handshakeError(error: string): Buffer {
  return Buffer.from(`${JSON.stringify({ error })}\u001e`, "utf8");
}

/** The request, or why it is not one. */
function parseRequest(text: string): { protocol: string; version: number } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'Invalid handshake request: expected JSON like {"protocol":"json","version":1} followed by 0x1E.';
  }
  const { protocol, version } = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof protocol !== "string" || typeof version !== "number") {
    return "Invalid handshake request: 'protocol' (a string) and 'version' (a number) are required.";
  }
  return { protocol, version };
}
