// The HTTP request the service sends its upstream: X-ASRS-* headers, the sha256= signature per key, the body.
import { createHmac } from "node:crypto";
import type { ProtocolName } from "./invocation.js";
import type { UpstreamCategory } from "./templates.js";

/** Who the call is about: everything the headers are built from. */
export interface UpstreamCaller {
  connectionId: string;
  /** The effective hub name (lower case, `app_hub` with an application). */
  hub: string;
  userId?: string | undefined;
  /** The client token's claims, in token order. */
  claims?: Readonly<Record<string, unknown>> | undefined;
  /** The client's negotiate query (`hub=chat&...`), without `?`; `access_token` is removed here. */
  query?: string | undefined;
  protocol: ProtocolName;
}

export interface UpstreamRequest {
  url: string;
  hub: string;
  category: UpstreamCategory;
  event: string;
  connectionId: string;
  /** Header names as the service writes them. */
  headers: Record<string, string>;
  body: Buffer;
  /** Set for `invoke()`: a Completion is expected back. */
  invocationId?: string;
  protocol: ProtocolName;
}

/** `sha256=` + upper-case hex HMAC-SHA256 of the connection id, one per access key, joined by `,` (no space). */
export function upstreamSignature(connectionId: string, accessKeys: readonly string[]): string {
  return accessKeys
    .map(
      (key) =>
        `sha256=${createHmac("sha256", Buffer.from(key, "utf8")).update(connectionId, "utf8").digest("hex").toUpperCase()}`,
    )
    .join(",");
}

/** True when any `sha256=` item (compared case-insensitively, as the Functions extension does) matches a key. */
export function signatureVerifies(
  header: string | undefined,
  connectionId: string,
  accessKeys: readonly string[],
): boolean {
  if (!header) return false;
  const items = header.split(",").map((item) => item.toLowerCase());
  return accessKeys.some((key) => items.includes(upstreamSignature(connectionId, [key]).toLowerCase()));
}

/** .NET `Claim.ToString()` is `type: value`; HttpClient joins header values with `, `. Arrays give a claim per item. */
export function claimsHeader(claims: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!claims) return undefined;
  const parts: string[] = [];
  for (const [type, value] of Object.entries(claims)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      parts.push(`${type}: ${typeof item === "object" ? JSON.stringify(item) : String(item)}`);
    }
  }
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** The client query with `?`, `access_token` removed (hubkit never forwards a secret); undefined when empty. */
export function clientQueryHeader(query: string | undefined): string | undefined {
  if (!query) return undefined;
  const kept = query
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "" && pair.split("=")[0]!.toLowerCase() !== "access_token");
  return kept.length > 0 ? `?${kept.join("&")}` : undefined;
}

export interface BuildOptions {
  url: string;
  caller: UpstreamCaller;
  category: UpstreamCategory;
  event: string;
  body: Buffer;
  invocationId?: string;
  accessKeys: readonly string[];
}

export function buildUpstreamRequest(options: BuildOptions): UpstreamRequest {
  const { caller } = options;
  const headers: Record<string, string> = {
    "X-ASRS-Connection-Id": caller.connectionId,
    "X-ASRS-Hub": caller.hub,
    "X-ASRS-Category": options.category,
    "X-ASRS-Event": options.event,
  };
  if (caller.userId) headers["X-ASRS-User-Id"] = caller.userId;
  const claims = claimsHeader(caller.claims);
  if (claims) headers["X-ASRS-User-Claims"] = claims;
  const query = clientQueryHeader(caller.query);
  if (query) headers["X-ASRS-Client-Query"] = query;
  headers["X-ASRS-Signature"] = upstreamSignature(caller.connectionId, options.accessKeys);
  headers["Content-Type"] =
    options.category === "messages" && caller.protocol === "messagepack" ? "application/x-msgpack" : "application/json";
  return {
    url: options.url,
    hub: caller.hub,
    category: options.category,
    event: options.event,
    connectionId: caller.connectionId,
    headers,
    body: options.body,
    ...(options.invocationId === undefined ? {} : { invocationId: options.invocationId }),
    protocol: caller.protocol,
  };
}

/** `{"type":10}` (lower-case key) for connected; `{"Type":11}` / `{"Type":11,"Error":...}` (PascalCase) for disconnected. */
export function connectedBody(): Buffer {
  return Buffer.from('{"type":10}', "utf8");
}

export function disconnectedBody(error: string | undefined): Buffer {
  return Buffer.from(JSON.stringify(error === undefined ? { Type: 11 } : { Type: 11, Error: error }), "utf8");
}
