// Parses a PayloadMessage body: JSON, property names matched case-insensitively (the SDK sends `Target`).
import { type MockHttpError, mockError } from "../errors.js";
import { nestsDeeperThan } from "./json-depth.js";
import { bodyRequired } from "./read-body.js";
import type { PayloadMessage } from "./types.js";

const invalid = (message: string, target: string): MockHttpError => mockError("invalidRequest", message, { target });

const NO_ARGUMENTS: readonly unknown[] = Object.freeze([]);

/**
 * System.Text.Json's default maximum depth, which the service's ASP.NET Core body reading applies. It also keeps
 * every recipient's encoding safe (MessagePack stops at 100 levels, `JSON.stringify` at the stack's end), so the
 * check runs once, before anyone receives the message: either everyone gets it or the call fails.
 */
export const MAX_BODY_DEPTH = 64;

export function parsePayload(body: Buffer): PayloadMessage | MockHttpError {
  if (body.length === 0) return bodyRequired();
  let value: unknown;
  try {
    value = JSON.parse(stripBom(body.toString("utf8")));
  } catch (error) {
    return invalid(`The request body is not valid JSON: ${(error as Error).message}`, "message");
  }
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) {
    return invalid(
      `The request body nests deeper than ${MAX_BODY_DEPTH} levels (the maximum depth of the service's JSON reader). Flatten the arguments.`,
      "message.arguments",
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return invalid(
      "The request body must be a JSON object with a 'target' string and an optional 'arguments' array.",
      "message",
    );
  }
  let target: unknown;
  let args: unknown;
  // Later duplicates win, as System.Text.Json does with case-insensitive names.
  const record = value as Record<string, unknown>;
  for (const key in record) {
    // Exact names first: the common case needs no lower-casing.
    const lower = key === "target" || key === "arguments" ? key : key.toLowerCase();
    if (lower === "target") target = record[key];
    else if (lower === "arguments") args = record[key];
  }
  if (target === undefined || target === null || target === "") {
    return invalid("The Target field is required.", "message.target");
  }
  if (typeof target !== "string") return invalid("The Target field must be a string.", "message.target");
  if (args !== undefined && args !== null && !Array.isArray(args)) {
    return invalid("The Arguments field must be an array.", "message.arguments");
  }
  return { target, arguments: (args as unknown[] | null | undefined) ?? NO_ARGUMENTS };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
