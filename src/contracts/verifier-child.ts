// Entry of the child process that runs Pact's Verifier, one pact file per `verify` message (see verifier-messages.ts).
import type { IncomingMessage } from "node:http";
import pact from "@pact-foundation/pact";
import { restAudience, signAccessToken } from "../auth/index.js";
import type { ChildMessage, ParentMessage, StateResultMessage, VerifyRequestMessage } from "./verifier-messages.js";

const STATE_SETUP_PATH = "/_pactSetup";
const pending = new Map<number, (message: StateResultMessage) => void>();
let nextId = 0;

function send(message: ChildMessage, then?: () => void): void {
  process.send?.(message, undefined, {}, () => then?.());
}

// hubkit ends the child when it is done; losing the parent ends it too.
process.on("disconnect", () => process.exit(0));
// Pact's proxy throws from an event handler when the provider drops a connection; report it instead of dying silently.
process.on("uncaughtException", (error) => {
  send({ type: "crash", message: `the provider connection failed: ${error.message}` }, () => process.exit(1));
});

process.on("message", (message: ParentMessage) => {
  if (message.type === "state-result") pending.get(message.id)?.(message);
  else if (message.type === "verify") {
    verify(message)
      .then((json) => send({ type: "done", json }))
      .catch((error: unknown) => {
        // The verifier rejects with its JSON result as the message when interactions fail.
        const text = error instanceof Error ? error.message : String(error);
        send(text.trimStart().startsWith("{") ? { type: "done", json: text } : { type: "crash", message: text });
      });
  }
});

async function verify(request: VerifyRequestMessage): Promise<string> {
  const callState = (action: "setup" | "teardown", state: string, params: unknown) =>
    new Promise<Record<string, unknown> | undefined>((resolve) => {
      const id = ++nextId;
      pending.set(id, (result) => {
        pending.delete(id);
        resolve(result.values);
      });
      send({ type: "state", id, action, state, params: (params as Record<string, unknown> | undefined) ?? {} });
    });
  // Every state name (known or not) reaches hubkit, which decides; Pact itself only warns about unknown ones.
  const stateHandlers = new Proxy(
    {},
    {
      get: (_target, name) =>
        typeof name !== "string" || name === "toJSON"
          ? undefined
          : {
              setup: (params: unknown) => callState("setup", name, params),
              teardown: (params: unknown) => callState("teardown", name, params),
            },
    },
  );
  const verifier = new pact.Verifier({
    provider: request.provider,
    providerBaseUrl: request.providerBaseUrl,
    pactUrls: [request.pactFile],
    stateHandlers,
    requestFilter: (req: IncomingMessage, _res: unknown, next: () => void) => {
      if (req.url?.startsWith(STATE_SETUP_PATH)) return next();
      req.url = withApiVersion(req.url ?? "/", request.apiVersion);
      signAccessToken({ accessKey: request.accessKey, audience: restAudience(request.providerBaseUrl, req.url) })
        .then((token) => {
          req.headers.authorization = `Bearer ${token}`;
          next();
        })
        .catch(() => next());
    },
    // The Host header must name the provider: the token's audience is checked against it.
    changeOrigin: true,
    logLevel: "error",
    timeout: request.requestTimeoutMs,
  });
  return String(await verifier.verifyProvider());
}

/** Consumers' pacts may leave the api-version out; the service requires it. */
function withApiVersion(url: string, apiVersion: string): string {
  if (/[?&]api-version=/.test(url)) return url;
  return `${url}${url.includes("?") ? "&" : "?"}api-version=${apiVersion}`;
}
