// Reads the OpenAPI document from disk and resolves its local `$ref`s to the objects they point at.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

/** The OpenAPI document hubkit ships, found relative to this file so it works from any working directory. */
export const DEFAULT_SPEC_PATH = fileURLToPath(new URL("../../spec/signalr-2022-06-01.yaml", import.meta.url));

export type JsonObject = { [key: string]: unknown };

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, JsonObject>>;
  components: Record<string, Record<string, JsonObject>>;
}

export function readDocument(path: string = DEFAULT_SPEC_PATH): OpenApiDocument {
  return YAML.parse(readFileSync(path, "utf8")) as OpenApiDocument;
}

/** Follows `#/a/b/c` pointers (one level at a time) until the value is not a `$ref` object. */
export function deref<T = JsonObject>(doc: OpenApiDocument, value: unknown): T {
  let current = value;
  for (let hops = 0; isRef(current); hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    current = pointer(doc, current.$ref);
  }
  return current as T;
}

function isRef(value: unknown): value is { $ref: string } {
  return typeof value === "object" && value !== null && typeof (value as JsonObject).$ref === "string";
}

function pointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, found ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = (node as JsonObject | undefined)?.[key];
    if (node === undefined) throw new Error(`$ref ${ref} points at nothing`);
  }
  return node;
}
