// An in-process upstream: answers a request as the Functions SignalR trigger does, by running a hub handler.
import type { Store } from "../store.js";
import { encodeCompletion } from "./completion.js";
import type { UpstreamAnswer } from "./http-upstream.js";
import { type HubMethodHandler, handlerContext } from "./hub-handlers.js";
import { decodeInvocation } from "./invocation.js";
import type { UpstreamRequest } from "./upstream-request.js";

export interface InProcessCall {
  request: UpstreamRequest;
  handler: HubMethodHandler;
  store: Store;
  userId: string | undefined;
  claims: Readonly<Record<string, unknown>>;
}

/**
 * Reads the body the way the trigger does (so in-process and HTTP handlers see the same bytes), runs the handler,
 * and answers 200 with a framed Completion (the result, or the thrown error's message); 200 empty for `send()`.
 */
export async function callInProcess(call: InProcessCall): Promise<UpstreamAnswer> {
  const { request } = call;
  if (request.category === "connections") {
    await call.handler(contextFor(call));
    return { kind: "response", status: 200, body: Buffer.alloc(0) };
  }
  const invocation = decodeInvocation(request.protocol, request.body);
  if (typeof invocation === "string") return { kind: "response", status: 400, body: Buffer.from(invocation) };
  const ctx = contextFor(call);
  let outcome: Parameters<typeof encodeCompletion>[2];
  try {
    const value = await call.handler(ctx, ...invocation.arguments);
    outcome = value === undefined ? { kind: "void" } : { kind: "result", value };
  } catch (error) {
    outcome = {
      kind: "error",
      error: error instanceof Error ? error.message || "Method execution failed." : String(error),
    };
  }
  if (invocation.invocationId === undefined) return { kind: "response", status: 200, body: Buffer.alloc(0) };
  return { kind: "response", status: 200, body: encodeCompletion(request.protocol, invocation.invocationId, outcome) };
}

function contextFor(call: InProcessCall) {
  return handlerContext(call.store, {
    connectionId: call.request.connectionId,
    userId: call.userId,
    claims: call.claims,
    hub: call.request.hub,
    event: call.request.event,
  });
}
