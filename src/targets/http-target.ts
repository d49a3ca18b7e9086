// The one Target implementation: REST over undici with signed tokens, clients over /client/?hub=. The mock and
// live targets differ only in where it points and in the optional seed/reset capabilities.
import { Agent, request } from "undici";
import { redactTokens } from "../auth/index.js";
import { effectiveHubName } from "../spec/hub-name.js";
import { connectHubClient } from "./hub-client.js";
import type { ClientOptions, HubClient, Target, TargetRequest, TargetResponse } from "./target.js";
import { TokenSigner } from "./token-signer.js";
import { closedBeforeAnswer, closedConnectionCode } from "./transport-error.js";

export interface HttpTargetOptions {
  kind: Target["kind"];
  /** See Target.description. */
  description?: string;
  /** REST endpoint, e.g. `https://x.service.signalr.net` (no trailing slash). */
  endpoint: string;
  accessKey: string;
  /** A second accepted key (the resource's secondary key): `auth: secondary` signs with it. */
  secondaryAccessKey?: string;
  /** Where clients connect; default the endpoint (a connection string's ClientEndpoint). */
  clientEndpoint?: string;
  seed?: Target["seed"];
  reset?: () => Promise<void>;
  upstream?: Target["upstream"];
  faults?: Target["faults"];
  /** Called after the target's own resources are released (e.g. to stop an in-process mock). */
  onClose?: () => Promise<void>;
}

export function createHttpTarget(options: HttpTargetOptions): Target {
  const endpoint = options.endpoint.replace(/\/+$/, "");
  const clientEndpoint = (options.clientEndpoint ?? endpoint).replace(/\/+$/, "");
  const signer = new TokenSigner(endpoint, options.accessKey, clientEndpoint, options.secondaryAccessKey);
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const target: Target = {
    kind: options.kind,
    ...(options.description ? { description: options.description } : {}),
    endpoint,
    hasSecondaryKey: options.secondaryAccessKey !== undefined,
    request: (req) => send(req, { endpoint, signer, agent }),
    connect: (client) => connect(client, { clientEndpoint, signer }),
    close: async () => {
      await agent.close();
      await options.onClose?.();
    },
  };
  if (options.seed) target.seed = options.seed;
  if (options.reset) target.reset = options.reset;
  if (options.upstream) target.upstream = options.upstream;
  if (options.faults) target.faults = options.faults;
  return target;
}

async function send(
  req: TargetRequest,
  env: { endpoint: string; signer: TokenSigner; agent: Agent },
): Promise<TargetResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  if (headers.authorization === undefined) {
    const authorization = await env.signer.rest(req.auth, req.pathAndQuery, req.audience);
    if (authorization !== undefined) headers.authorization = authorization;
  }
  const started = performance.now();
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(env.endpoint + req.pathAndQuery, {
      method: req.method as "GET",
      headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      dispatcher: env.agent,
      ...(req.signal ? { signal: req.signal } : {}),
    });
  } catch (error) {
    const path = req.pathAndQuery.split("?")[0] ?? req.pathAndQuery;
    throw closedBeforeAnswer(error, { method: req.method, path, bodyBytes: byteLength(req.body) }) ?? error;
  }
  const body = await readAnswer(response.body);
  const durationMs = performance.now() - started;
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const sentHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) sentHeaders[name] = redactTokens(value);
  return { status: response.statusCode, headers: responseHeaders, body, durationMs, sentHeaders };
}

/**
 * The answer's body. When the server closes the connection right after answering (as it may after refusing an
 * upload), the status and headers already arrived: keep them and what came of the body, rather than fail the call.
 */
async function readAnswer(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk);
  } catch (error) {
    if (closedConnectionCode(error) === undefined) throw error;
  }
  return Buffer.concat(chunks).toString("utf8");
}

function byteLength(body: string | Uint8Array | undefined): number {
  if (body === undefined) return 0;
  return typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
}

async function connect(
  options: ClientOptions,
  env: { clientEndpoint: string; signer: TokenSigner },
): Promise<HubClient> {
  const hub = effectiveHubName(options.hub, options.application);
  const claims: Record<string, unknown> = {
    ...(options.user !== undefined ? { nameid: options.user } : {}),
    ...options.claims,
  };
  const token = await env.signer.client({
    auth: options.auth ?? "valid",
    hub: options.hub,
    ...(options.application ? { application: options.application } : {}),
    claims,
  });
  return connectHubClient({
    url: `${env.clientEndpoint}/client/?hub=${encodeURIComponent(hub)}`,
    token,
    hub,
    user: options.user,
    protocol: options.protocol ?? "json",
    transport: options.transport ?? "webSockets",
    ...(options.statefulReconnect ? { statefulReconnect: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.answers ? { answers: options.answers } : {}),
  });
}
