// Reads a request body up to the service's 1 MB limit without ever buffering more, and checks its content type.
import type { IncomingMessage } from "node:http";
import { type MockHttpError, mockError } from "../errors.js";

/** The documented body limit, read as 1 MiB: a body of exactly 1,048,576 bytes is accepted. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An oversized body is read and discarded up to this many bytes before the 413, so a client still uploading reads
 * the answer instead of failing its write with EPIPE when the mock closes. Past it the mock answers and closes.
 */
export const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

const LATER_FEATURE = new Set([
  "application/x-msgpack",
  "application/msgpack",
  "application/vnd.msgpack",
  "application/octet-stream",
]);

export const bodyRequired = (): MockHttpError =>
  mockError("invalidRequest", "Message in request body is required.", { target: "message" });

/** `close`: past the drain bound, the connection is not reused, so the rest of the body is never read. */
const tooLarge = (close: boolean): MockHttpError =>
  mockError(
    "payloadTooLarge",
    `The request body is larger than the service's limit of 1 MB (${MAX_BODY_BYTES} bytes). Send smaller messages; the service suggests the Management SDK's persistent mode for larger ones.`,
    { target: "message", ...(close ? { headers: { connection: "close" } } : {}) },
  );

const unsupported = (message: string): MockHttpError =>
  mockError("unsupportedMediaType", message, { target: "Content-Type" });

/** Undefined for JSON (`application/json`, `text/json`, `*\/*+json`, UTF-8 or no charset); else the 415 to answer. */
export function checkContentType(header: string | undefined): MockHttpError | undefined {
  if (header === undefined || header.trim() === "") {
    return unsupported("The request has no Content-Type. Send the message as application/json.");
  }
  const semicolon = header.indexOf(";");
  const mediaType = (semicolon < 0 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  if (LATER_FEATURE.has(mediaType)) {
    return unsupported(
      `Content-Type '${mediaType}' (MessagePack or the SDK's binary format) is a later feature of hubkit's mock. Send the message as application/json.`,
    );
  }
  if (mediaType !== "application/json" && mediaType !== "text/json" && !/^[a-z]+\/[^/]*\+json$/.test(mediaType)) {
    return unsupported(`Content-Type '${mediaType}' is not supported. Send the message as application/json.`);
  }
  const charset = semicolon < 0 ? undefined : /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(header)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    return unsupported(`Charset '${charset}' is not supported. Send the message as UTF-8 JSON.`);
  }
  return undefined;
}

/**
 * Calls `done` once: with the body, or with the 413. Past the 1 MiB limit nothing more is kept; the 413 waits for
 * the end of the body up to the drain bound, and comes at once (with `Connection: close`) beyond it.
 */
export function readBody(req: IncomingMessage, done: (body: Buffer | MockHttpError) => void): void {
  const declared = Number(req.headers["content-length"]);
  if (declared > MAX_DRAIN_BYTES) {
    done(tooLarge(true));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size > MAX_DRAIN_BYTES) {
      settled = true;
      done(tooLarge(true));
    } else if (size > MAX_BODY_BYTES) chunks.length = 0;
    else chunks.push(chunk);
  });
  req.on("end", () => {
    if (settled) return;
    settled = true;
    if (size > MAX_BODY_BYTES) done(tooLarge(false));
    else done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
  });
  // No "error" listener: Node emits an aborted upload's error only to listeners, and with nobody left to answer,
  // `done` simply never runs (test: "an upload aborted midway").
}
