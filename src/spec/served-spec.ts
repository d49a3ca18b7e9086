// The API versions hubkit ships a document for, and the union index that serves them all at once.
import { fileURLToPath } from "node:url";
import { HubkitError } from "../errors.js";
import { KNOWN_API_VERSIONS } from "./api-versions.js";
import { API_VERSIONS_KEY } from "./build-operations.js";
import { DEFAULT_SPEC_PATH, type JsonObject, type OpenApiDocument, readDocument } from "./load-document.js";
import { createSpecIndex, type SpecIndex } from "./spec-index.js";

export { KNOWN_API_VERSIONS };

/** The document of each of KNOWN_API_VERSIONS. */
export const SPEC_PATHS: Readonly<Record<string, string>> = {
  "2022-06-01": DEFAULT_SPEC_PATH,
  "2024-12-01": fileURLToPath(new URL("../../spec/signalr-2024-12-01.yaml", import.meta.url)),
};

/**
 * The newest shipped version. Its document holds every operation of the older ones with the same statuses (a test
 * keeps it so), so tools that take one document (Prism's mock and proxy) get this one.
 */
export const NEWEST_API_VERSION: string = KNOWN_API_VERSIONS[KNOWN_API_VERSIONS.length - 1]!;

const METHODS = new Set(["get", "head", "post", "put", "delete", "patch", "options"]);

/**
 * One document holding every operation of `docs`: the first document that has an operation (same path and method)
 * defines it, and each operation lists the versions that have it under `x-hubkit-api-versions`. Components are
 * merged the same way, so schemas the first document lacks come from the later ones.
 */
export function mergeDocuments(docs: readonly OpenApiDocument[]): OpenApiDocument {
  const [first, ...rest] = docs;
  if (!first) throw new Error("mergeDocuments needs at least one document");
  const versionsOf = new Map<string, string[]>();
  for (const doc of docs) {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item)) {
        if (!METHODS.has(method)) continue;
        const key = `${method} ${path}`;
        versionsOf.set(key, [...(versionsOf.get(key) ?? []), String(doc.info.version)]);
      }
    }
  }
  const paths: Record<string, Record<string, JsonObject>> = {};
  const components: Record<string, Record<string, JsonObject>> = {};
  for (const doc of [first, ...rest]) {
    for (const [path, item] of Object.entries(doc.paths)) {
      paths[path] ??= {};
      const target = paths[path];
      for (const [method, operation] of Object.entries(item)) {
        if (Object.hasOwn(target, method)) continue;
        target[method] = METHODS.has(method)
          ? { ...operation, [API_VERSIONS_KEY]: versionsOf.get(`${method} ${path}`) }
          : operation;
      }
    }
    for (const [section, entries] of Object.entries(doc.components ?? {})) {
      components[section] ??= {};
      const target = components[section];
      for (const [name, value] of Object.entries(entries)) if (!Object.hasOwn(target, name)) target[name] = value;
    }
  }
  return { ...first, paths, components };
}

/**
 * The index a command serves or checks against: one version's document when `apiVersion` is given, else the
 * union of every shipped version (the default version first, so its operations and api-version lead).
 */
export function loadServedSpec(apiVersion?: string): SpecIndex {
  if (apiVersion !== undefined) {
    const path = SPEC_PATHS[apiVersion];
    if (!path) {
      throw new HubkitError(`Unknown API version ${apiVersion}.`, {
        code: "E_USAGE",
        hint: `hubkit ships the versions ${KNOWN_API_VERSIONS.join(", ")}.`,
      });
    }
    return cachedIndex(apiVersion, () => createSpecIndex(readDocument(path)));
  }
  return cachedIndex("union", () =>
    createSpecIndex(mergeDocuments(KNOWN_API_VERSIONS.map((v) => readDocument(SPEC_PATHS[v]!)))),
  );
}

const cache = new Map<string, SpecIndex>();

function cachedIndex(key: string, build: () => SpecIndex): SpecIndex {
  let index = cache.get(key);
  if (!index) {
    index = build();
    cache.set(key, index);
  }
  return index;
}
