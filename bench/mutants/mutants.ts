// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the patches are source text with template literals
// The mutants: single-behaviour mistakes an implementation of the service could make, as patches to src/.

export interface Mutant {
  name: string;
  /** File under the repository root. */
  file: string;
  /** Exact text to replace (it must occur); every occurrence is replaced. */
  find: string;
  replace: string;
}

export const MUTANTS: readonly Mutant[] = [
  // The nine survivors of the first mutation run (issue 11).
  {
    name: "audience host compared case-sensitively",
    file: "src/auth/audience.ts",
    // The loopback alias lower-cases on its own: the mutant keeps case there too, or the mock on localhost hides it.
    find: "const name = host.toLowerCase();\n  return `${scheme.toLowerCase()}://${aliasLoopback && isLoopbackHostName(name)",
    replace:
      "const name = host;\n  return `${scheme.toLowerCase()}://${aliasLoopback && name === name.toLowerCase() && isLoopbackHostName(name)",
  },
  {
    name: "secondary access key ignored",
    file: "src/auth/verify.ts",
    find: "const keys = options.accessKeys.map(",
    replace: "const keys = options.accessKeys.slice(0, 1).map(",
  },
  {
    name: "MessagePack numbers encoded as float32",
    file: "src/mock/client/protocols/messagepack.ts",
    find: "frameMessagePack(encode(value))",
    replace: "frameMessagePack(encode(value, { forceFloat32: true }))",
  },
  {
    name: "no keep-alive pings",
    file: "src/mock/client/index.ts",
    find: "keepAliveIntervalMs: options.keepAliveIntervalMs ?? 15_000",
    replace: "keepAliveIntervalMs: options.keepAliveIntervalMs ?? 3_600_000",
  },
  {
    name: "413 limit at 1,000,000 bytes",
    file: "src/mock/rest/read-body.ts",
    find: "export const MAX_BODY_BYTES = 1024 * 1024;",
    replace: "export const MAX_BODY_BYTES = 1_000_000;",
  },
  {
    name: "negative ttl answered 400",
    file: "src/mock/rest/rest-api.ts",
    find: "    if (invalid) return invalid;\n",
    replace:
      '    if (invalid) return invalid;\n    if (Number(firstValue(query, "ttl")) < 0) return new MockHttpError(400, { code: "Error.Request.Invalid", message: "ttl", target: "ttl" });\n',
  },
  {
    name: "api-version checked before authentication",
    file: "src/mock/rest/rest-api.ts",
    find: "    if (compiled.operation.requiresAuth) {\n",
    replace:
      "    const early = this.apiVersion.check(parseQuery(rawQuery));\n    if (early) return early;\n    if (compiled.operation.requiresAuth) {\n",
  },
  {
    name: "query names matched case-sensitively",
    file: "src/mock/rest/query.ts",
    find: "decodeComponent(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();",
    replace: "decodeComponent(eq < 0 ? pair : pair.slice(0, eq));",
  },
  {
    name: "connection ids case-insensitive",
    file: "src/mock/in-memory-store.ts",
    find: "    return this.hubs.get(hubName)?.connections.get(id);",
    replace:
      "    const hub = this.hubs.get(hubName);\n    return [...(hub?.connections.values() ?? [])].find((c) => c.id.toLowerCase() === id.toLowerCase());",
  },
  // Existing behaviours.
  {
    name: "sends answer 200 instead of 202",
    file: "src/mock/rest/rest-api.ts",
    find: "sendEmpty(res, compiled.successStatus);",
    replace: "sendEmpty(res, compiled.successStatus === 202 ? 200 : compiled.successStatus);",
  },
  {
    name: "excluded ignored",
    file: "src/mock/in-memory-store.ts",
    find: "const excluded = selection.excluded?.length ? new Set(selection.excluded) : undefined;",
    replace: "const excluded = undefined as Set<string> | undefined;",
  },
  {
    name: "missing token accepted",
    file: "src/mock/rest/rest-api.ts",
    find: "      if (!auth.ok) {",
    replace: "      if (!auth.ok && req.headers.authorization !== undefined) {",
  },
  {
    name: "hub names case-sensitive",
    file: "src/spec/hub-name.ts",
    find: ": hub.toLowerCase();",
    replace: ": hub;",
  },
  {
    name: "body over 1 MB answered 400",
    file: "src/mock/rest/read-body.ts",
    find: "    413,",
    replace: "    400,",
  },
  {
    name: "unknown connection closes with 200",
    file: "src/mock/rest/connections.ts",
    find: "    if (!connection) return connectionNotExisted(call);\n    call.store.close(",
    replace: "    if (!connection) return undefined;\n    call.store.close(",
  },
  {
    name: "unknown connection exists",
    file: "src/mock/rest/connections.ts",
    find: "    if (!call.store.connection(call.hub, call.params.connectionId!)) return connectionNotExisted(call);",
    replace: "",
  },
  {
    name: "send to a connection goes to nobody",
    file: "src/mock/rest/connections.ts",
    find: "    if (connection) store.deliver([connection], message!.target, message!.arguments);",
    replace: "",
  },
  {
    name: "missing api-version accepted",
    file: "src/mock/rest/api-version.ts",
    find: "    if (version === undefined) {",
    replace: "    if (version === undefined && false) {",
  },
  {
    name: "ttl 0 stores the pair",
    file: "src/mock/user-groups.ts",
    find: "  add(user: string, group: string, ttlSeconds: number | undefined): void {",
    replace:
      "  add(user: string, group: string, ttlSeconds: number | undefined): void {\n    if (ttlSeconds === 0) ttlSeconds = undefined;",
  },
  {
    name: "hub pattern not checked",
    file: "src/mock/rest/rest-api.ts",
    find: "this.apiVersion.check(query) ?? checkParameters(compiled.checks, params, query);",
    replace: "this.apiVersion.check(query);",
  },
  {
    name: "application prefix ignored",
    file: "src/spec/hub-name.ts",
    find: "return application ? `${application.toLowerCase()}_${hub.toLowerCase()}` : hub.toLowerCase();",
    replace: "return hub.toLowerCase();",
  },
];
