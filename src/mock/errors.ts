// MockHttpError and the one place that renders mock answers: ErrorDetail bodies, x-ms-error-code, 401 challenges.
import type { ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { MOCK_ERRORS, MockErrorCodes, type MockErrorName } from "./error-templates.js";

/** The service's error object (spec `ErrorDetail`). */
export interface ErrorDetail {
  code: string;
  message: string;
  target?: string;
  details?: ErrorDetail[];
}

export { MockErrorCodes, type MockErrorName } from "./error-templates.js";

/** An HTTP error answer; thrown by handlers and rendered by `sendError`. */
export class MockHttpError extends Error {
  readonly status: number;
  readonly detail: ErrorDetail;
  /** Extra response headers (e.g. `Allow` on a 405). */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(status: number, detail: ErrorDetail, headers?: Record<string, string>) {
    // These are answers, not bugs: a stack trace is never read, and capturing one made every 404 of an existence
    // check several times dearer than a 200.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail.message);
    Error.stackTraceLimit = limit;
    this.name = "MockHttpError";
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}

export interface MockErrorOptions {
  /** The ErrorDetail's `target`: the parameter, header or field at fault. */
  target?: string;
  /** Extra response headers (e.g. `Allow` on a 405). */
  headers?: Record<string, string>;
  /** One ErrorDetail per problem, when there are several (an invalid fixture). */
  details?: ErrorDetail[];
}

/** The answer of one template of src/mock/error-templates.ts: its status and code, this message and target. */
export function mockError(name: MockErrorName, message: string, options: MockErrorOptions = {}): MockHttpError {
  const { status, code } = MOCK_ERRORS[name];
  // Keys in the order the bodies always had (code, message, target, details): answers stay byte for byte the same.
  const detail: ErrorDetail = { code, message };
  if (options.target !== undefined) detail.target = options.target;
  if (options.details !== undefined) detail.details = options.details;
  return new MockHttpError(status, detail, options.headers);
}

export function invalidParameter(target: string, message: string): MockHttpError {
  return mockError("invalidRequest", message, { target });
}

const EMPTY_HEADERS = { "content-length": "0" } as const;

/** A 2xx with an empty body (the service's answers carry no ServiceResponse body). */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, EMPTY_HEADERS);
  res.end();
}

/** 401 with an empty body and the Bearer challenge, as ASP.NET JwtBearer answers. */
export function sendUnauthorized(res: ServerResponse, challenge: string): void {
  res.writeHead(401, { "content-length": "0", "www-authenticate": challenge });
  res.end();
}

/** ErrorDetail body (none on HEAD) with `x-ms-error-code` equal to its code. */
export function sendError(res: ServerResponse, method: string | undefined, error: MockHttpError): void {
  const headers: Record<string, string> = { ...error.headers, "x-ms-error-code": error.detail.code };
  if (method === "HEAD") {
    headers["content-length"] = "0";
    res.writeHead(error.status, headers);
    res.end();
    return;
  }
  sendJson(res, error.status, error.detail, headers);
}

/** A JSON body with an exact Content-Length (admin answers and error bodies). */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(JSON.stringify(value), "utf8");
  headers["content-type"] = "application/json; charset=utf-8";
  headers["content-length"] = String(body.length);
  res.writeHead(status, headers);
  res.end(body);
}

/**
 * Last line of defence: an exception no handler expected is a hubkit bug, answered as a 500 ErrorDetail so the
 * caller sees it instead of a hung or reset connection.
 */
export function sendInternalError(res: ServerResponse, method: string | undefined, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const reason = error instanceof Error ? error.message : String(error);
  sendError(
    res,
    method,
    mockError("internal", `hubkit's mock failed unexpectedly (${reason}). This is a bug in hubkit; please report it.`),
  );
}

/**
 * Answers what Node's HTTP parser rejects before any handler runs (headers over the service's 16 KB limit,
 * malformed request lines) with an ErrorDetail too, instead of Node's bare status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge
    ? `${MOCK_ERRORS.headersTooLarge.status} Request Header Fields Too Large`
    : `${MOCK_ERRORS.invalidRequest.status} Bad Request`;
  const detail: ErrorDetail = tooLarge
    ? {
        code: MockErrorCodes.headersTooLarge,
        message: "The request headers are larger than the service's limit of 16 KB.",
      }
    : { code: MockErrorCodes.invalidRequest, message: "The request is not valid HTTP/1.1." };
  const body = JSON.stringify(detail);
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nx-ms-error-code: ${detail.code}\r\nConnection: close\r\n\r\n${body}`,
  );
}
