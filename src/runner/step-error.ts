// Step errors (network, timeout, unknown variable): turned into a title, a message and a suggested fix, once.
import { formatHubkitError, HubkitError, HubkitErrorList } from "../errors.js";
import type { StepError } from "../results/result.js";
import { UnknownVariableError } from "../suite/index.js";

/** Thrown by steps for errors they can describe better than a generic exception. */
export class StepRunError extends Error {
  constructor(
    readonly title: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "StepRunError";
  }
}

/** Thrown into a test when it runs past its time limit. */
export class TestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The test did not finish within ${timeoutMs} ms.`);
    this.name = "TestTimeoutError";
  }
}

const NETWORK: Record<string, { title: string; hint: string }> = {
  ECONNREFUSED: { title: "Connection refused", hint: "Is the endpoint right and the service (or mock) running?" },
  ENOTFOUND: { title: "Host not found", hint: "Check the Endpoint of the connection string." },
  ECONNRESET: { title: "Connection reset", hint: "The server closed the connection; try again or check its logs." },
  UND_ERR_CONNECT_TIMEOUT: { title: "Connect timeout", hint: "Check the network path to the endpoint." },
  UND_ERR_HEADERS_TIMEOUT: { title: "Response timeout", hint: "The server did not answer in time." },
  UND_ERR_SOCKET: { title: "Socket error", hint: "The connection broke while the request was in flight." },
};

export function describeStepError(error: unknown): StepError {
  if (error instanceof StepRunError) return withHint(error.title, error.message, error.hint);
  if (error instanceof TestTimeoutError) {
    return withHint("Test timed out", error.message, "Raise the test's `timeout:` or --timeout, or shorten waits.");
  }
  if (error instanceof HubkitError) {
    return withHint(
      error instanceof HubkitErrorList ? error.message : "Invalid input",
      formatHubkitError(error),
      error.hint,
    );
  }
  if (error instanceof UnknownVariableError) {
    return withHint(
      "Unknown variable",
      error.message,
      "Define it under `variables:` or capture it in an earlier step.",
    );
  }
  const code = findCode(error);
  const known = code ? NETWORK[code] : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (known) return withHint(known.title, message, known.hint);
  return { title: error instanceof Error ? error.name : "Error", message };
}

function withHint(title: string, message: string, hint: string | undefined): StepError {
  return hint === undefined ? { title, message } : { title, message, hint };
}

function findCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code in NETWORK) return code;
  }
  return undefined;
}
