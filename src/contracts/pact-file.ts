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

/** Pact specification majors hubkit reads; anything else is refused rather than guessed at. */
const SUPPORTED_MAJORS = new Set(["1", "2", "3", "4"]);

export function parsePact(text: string, file: string): PactFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `it is not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw invalid(file, `the top level is ${describe(parsed)}, expected an object`);
  const raw = parsed;
  const consumer = (isObject(raw.consumer) ? raw.consumer : undefined)?.name;
  const provider = (isObject(raw.provider) ? raw.provider : undefined)?.name;
  if (typeof consumer !== "string" || typeof provider !== "string" || !Array.isArray(raw.interactions)) {
    throw invalid(file, "expected an object with consumer.name, provider.name and an interactions array");
  }
  const specification = readSpecification(raw, file);
  const locate = descriptionLocator(text, file);
  const interactions = (raw.interactions as unknown[]).map((item, index) => {
    if (!isObject(item)) throw invalid(file, `interactions[${index}] is ${describe(item)}, expected an object`);
    return parseInteraction(item, { file, index, locate });
  });
  return { file, consumer, provider, specification, interactions };
}

/** `metadata.pactSpecification.version` (V3/V4) or `metadata["pact-specification"].version` (V2); 2.0.0 if absent. */
function readSpecification(raw: Json, file: string): string {
  const metadata = raw.metadata ?? {};
  if (!isObject(metadata)) throw invalid(file, `metadata is ${describe(metadata)}, expected an object`);
  const field = "pactSpecification" in metadata ? "pactSpecification" : "pact-specification";
  const spec = metadata[field];
  if (spec === undefined) return "2.0.0";
  const version = isObject(spec) ? spec.version : undefined;
  if (typeof version !== "string" && typeof version !== "number") {
    throw invalid(file, `metadata.${field}.version is ${describe(version)}, expected a version such as "3.0.0"`);
  }
  const text = String(version);
  const major = /^v?(\d+)(?:\.|$)/i.exec(text)?.[1];
  if (!major || !SUPPORTED_MAJORS.has(String(Number(major)))) {
    throw invalid(
      file,
      `metadata.${field}.version is ${JSON.stringify(version)}; hubkit reads Pact specification versions 1 to 4`,
    );
  }
  return text;
}

interface InteractionContext {
  file: string;
  index: number;
  locate: (description: string) => SourcePosition;
}

function parseInteraction(raw: Json, at: InteractionContext): PactInteraction {
  const description = typeof raw.description === "string" ? raw.description : `interaction ${at.index + 1}`;
  const field = `interactions[${at.index}]`;
  const request = objectField(raw, "request", `${field}.request`, at.file);
  const response = objectField(raw, "response", `${field}.response`, at.file);
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
    providerStates: parseStates(raw, field, at.file),
    request: parsedRequest,
    response: parsedResponse,
    position: at.locate(description),
  };
}

/** An optional object member: absent or null reads as `{}`; anything else that is not an object is refused. */
function objectField(raw: Json, key: string, field: string, file: string): Json {
  const value = raw[key];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalid(file, `${field} is ${describe(value)}, expected an object`);
  return value;
}

/** V3/V4 `providerStates: [{name, params}]`; V2 `providerState: "name"`. */
function parseStates(raw: Json, field: string, file: string): PactProviderState[] {
  if (raw.providerStates !== undefined && raw.providerStates !== null) {
    if (!Array.isArray(raw.providerStates)) {
      throw invalid(file, `${field}.providerStates is ${describe(raw.providerStates)}, expected an array`);
    }
    return (raw.providerStates as unknown[]).map((state, i) => {
      const at = `${field}.providerStates[${i}]`;
      if (!isObject(state)) throw invalid(file, `${at} is ${describe(state)}, expected an object {name, params}`);
      if (typeof state.name !== "string")
        throw invalid(file, `${at}.name is ${describe(state.name)}, expected a string`);
      return { name: state.name, params: objectField(state, "params", `${at}.params`, file) };
    });
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

/**
 * Finds every `"description": "<text>"` in one pass, so reports point into the pact file in time linear in its
 * size (searching the whole text once per interaction was quadratic). The nth interaction with a description
 * gets that description's nth occurrence.
 */
function descriptionLocator(text: string, file: string): (description: string) => SourcePosition {
  const offsets = new Map<string, number[]>();
  for (const found of text.matchAll(/"description"\s*:\s*("(?:[^"\\]|\\.)*")/g)) {
    let value: unknown;
    try {
      value = JSON.parse(found[1] as string);
    } catch {
      continue;
    }
    const list = offsets.get(value as string) ?? [];
    list.push(found.index);
    offsets.set(value as string, list);
  }
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return (description) => {
    const offset = offsets.get(description)?.shift();
    if (offset === undefined) return { file, line: 1, column: 1 };
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { file, line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short name for what was found, for messages: `null`, `a string`, `an array`, ... */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value === undefined) return "missing";
  return typeof value === "object" ? "an object" : `a ${typeof value} (${JSON.stringify(value)})`;
}

function invalid(file: string, why: string): HubkitError {
  return new HubkitError(`${file} is not a pact file: ${why}.`, {
    code: "E_PACT_INVALID",
    hint: "Pass pact files written by a Pact consumer test (pact-js, pact-jvm, pact-net, ...).",
  });
}
