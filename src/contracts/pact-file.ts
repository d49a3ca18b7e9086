// Reads Pact files (specification V2, V3 and V4) into one normalised shape: interactions with states, request, response.
import { readFileSync } from "node:fs";
import { HubkitError, type SourcePosition } from "../errors.js";

export interface PactProviderState {
  name: string;
  params: Record<string, unknown>;
}

export interface PactRequest {
  method: string;
  /** The path as the pact writes it (not percent-encoded), e.g. `/api/hubs/chat/:send`. */
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body?: unknown;
  /** Path expressions the consumer marked as injected from provider state (`fromProviderState`), e.g. `${connectionId}`. */
  injectedPath?: string;
}

export interface PactResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface PactInteraction {
  description: string;
  /** `Synchronous/HTTP` for HTTP interactions (V2 and V3 files have only those). */
  type: string;
  providerStates: PactProviderState[];
  request: PactRequest;
  response: PactResponse;
  position: SourcePosition;
}

export interface PactFile {
  file: string;
  consumer: string;
  provider: string;
  specification: string;
  interactions: PactInteraction[];
}

type Json = Record<string, unknown>;

export function readPactFile(file: string): PactFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new HubkitError(`Cannot read pact file ${file}: ${(error as Error).message}`, {
      code: "E_PACT_READ",
      cause: error,
    });
  }
  return parsePact(text, file);
}

export function parsePact(text: string, file: string): PactFile {
  let raw: Json;
  try {
    raw = JSON.parse(text) as Json;
  } catch (error) {
    throw invalid(file, `it is not JSON (${(error as Error).message})`);
  }
  const consumer = (raw.consumer as Json | undefined)?.name;
  const provider = (raw.provider as Json | undefined)?.name;
  if (typeof consumer !== "string" || typeof provider !== "string" || !Array.isArray(raw.interactions)) {
    throw invalid(file, "expected an object with consumer.name, provider.name and an interactions array");
  }
  const metadata = (raw.metadata as Json | undefined) ?? {};
  const spec = (metadata.pactSpecification ?? metadata["pact-specification"]) as Json | undefined;
  const specification = String(spec?.version ?? "2.0.0");
  const interactions = (raw.interactions as Json[]).map((item, index) => {
    if (typeof item !== "object" || item === null) throw invalid(file, `interaction ${index + 1} is not an object`);
    return parseInteraction(item, { file, text, index });
  });
  return { file, consumer, provider, specification, interactions };
}

function parseInteraction(raw: Json, at: { file: string; text: string; index: number }): PactInteraction {
  const description = typeof raw.description === "string" ? raw.description : `interaction ${at.index + 1}`;
  const request = (raw.request as Json | undefined) ?? {};
  const response = (raw.response as Json | undefined) ?? {};
  const parsedRequest: PactRequest = {
    method: String(request.method ?? "GET").toUpperCase(),
    path: String(request.path ?? "/"),
    query: parseQuery(request.query),
    headers: parseHeaders(request.headers),
  };
  const requestBody = parseBody(request.body, parsedRequest.headers);
  if (requestBody !== undefined) parsedRequest.body = requestBody.value;
  const injected = injectedPathExpression(request.generators);
  if (injected) parsedRequest.injectedPath = injected;
  const status = Number(response.status ?? 200);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw invalid(at.file, `interaction "${description}" has response status ${JSON.stringify(response.status)}`);
  }
  const parsedResponse: PactResponse = { status, headers: parseHeaders(response.headers) };
  const responseBody = parseBody(response.body, parsedResponse.headers);
  if (responseBody !== undefined) parsedResponse.body = responseBody.value;
  return {
    description,
    type: typeof raw.type === "string" ? raw.type : "Synchronous/HTTP",
    providerStates: parseStates(raw),
    request: parsedRequest,
    response: parsedResponse,
    position: locateDescription(at.text, at.file, description),
  };
}

/** V3/V4 `providerStates: [{name, params}]`; V2 `providerState: "name"`. */
function parseStates(raw: Json): PactProviderState[] {
  if (Array.isArray(raw.providerStates)) {
    return (raw.providerStates as Json[]).map((s) => ({
      name: String(s.name ?? ""),
      params: (s.params as Record<string, unknown> | undefined) ?? {},
    }));
  }
  return typeof raw.providerState === "string" ? [{ name: raw.providerState, params: {} }] : [];
}

/** V2 writes the query as a string; V3 and V4 as a map of name to values. */
function parseQuery(raw: unknown): Record<string, string[]> {
  if (typeof raw === "string") {
    const query: Record<string, string[]> = {};
    for (const [key, value] of new URLSearchParams(raw)) query[key] = [...(query[key] ?? []), value];
    return query;
  }
  if (typeof raw !== "object" || raw === null) return {};
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value.map(String) : [String(value)]]),
  );
}

function parseHeaders(raw: unknown): Record<string, string> {
  if (typeof raw !== "object" || raw === null) return {};
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key.toLowerCase(),
      Array.isArray(value) ? value.join(", ") : String(value),
    ]),
  );
}

/** V4 wraps bodies as `{content, contentType, encoded}`; earlier versions store the JSON value itself. */
function parseBody(raw: unknown, headers: Record<string, string>): { value: unknown } | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (
    typeof raw === "object" &&
    !Array.isArray(raw) &&
    "content" in raw &&
    ("encoded" in raw || "contentType" in raw)
  ) {
    const body = raw as { content: unknown; contentType?: string; encoded?: unknown };
    const contentType = body.contentType ?? headers["content-type"] ?? "";
    let content = body.content;
    if (body.encoded === "base64" && typeof content === "string") content = Buffer.from(content, "base64").toString();
    if (typeof content === "string" && /json/i.test(contentType) && body.encoded !== false) {
      try {
        content = JSON.parse(content);
      } catch {
        // Keep the text: the static check then reports that it is not the JSON the spec expects.
      }
    }
    return { value: content };
  }
  return { value: raw };
}

/** The expression of a `ProviderState` generator on the path (V3 `generators.path`), if the consumer used one. */
function injectedPathExpression(raw: unknown): string | undefined {
  const path = (raw as Json | undefined)?.path as Json | undefined;
  return path?.type === "ProviderState" && typeof path.expression === "string" ? path.expression : undefined;
}

/** 1-based line and column of `"description": "<text>"`, so reports point into the pact file. */
function locateDescription(text: string, file: string, description: string): SourcePosition {
  const needle = JSON.stringify(description);
  const pattern = new RegExp(`"description"\\s*:\\s*${escapeRegExp(needle)}`);
  const found = pattern.exec(text);
  if (!found) return { file, line: 1, column: 1 };
  const before = text.slice(0, found.index);
  const line = before.split("\n").length;
  return { file, line, column: found.index - before.lastIndexOf("\n") };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function invalid(file: string, why: string): HubkitError {
  return new HubkitError(`${file} is not a pact file: ${why}.`, {
    code: "E_PACT_INVALID",
    hint: "Pass pact files written by a Pact consumer test (pact-js, pact-jvm, pact-net, ...).",
  });
}
