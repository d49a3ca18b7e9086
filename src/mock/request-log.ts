// One line per request (method, path, status, milliseconds) and per client event; tokens never reach the log.
import type { IncomingMessage, ServerResponse } from "node:http";
import { redactTokens } from "../auth/index.js";

export interface RequestLog {
  /** Starts timing `req`; the line is written when the response finishes (or the client goes away). */
  track(req: IncomingMessage, res: ServerResponse): void;
  /** A client-side event: connect, disconnect, delivery. */
  event(line: string): void;
}

/** The client token in a query (browsers cannot send headers). */
const ACCESS_TOKEN = /([?&]access_token=)[^&#]*/gi;

/** On `/client/` transport requests `id` is the connectionToken (negotiate v1): whoever holds it owns the connection. */
const CONNECTION_TOKEN = /([?&]id=)[^&#]*/gi;

/** `/client`, `/client/...` and `/client?...`, in origin form or absolute form (`http://host/client/?...`). */
const CLIENT_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?\/client(?:[/?#]|$)/i;

/**
 * The request target as it can be shown: `access_token` values, `id` on client paths, and anything shaped like a JWT
 * replaced by `***`.
 */
export function redactRequestTarget(target: string): string {
  const redacted = target.replace(ACCESS_TOKEN, "$1***");
  return redactTokens(CLIENT_PATH.test(redacted) ? redacted.replace(CONNECTION_TOKEN, "$1***") : redacted);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must not reach a terminal
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * C0 controls, DEL and C1 controls as visible escapes (`\n`, `\x1b`): values from requests (a dev-negotiate
 * userId, a REST target) can then neither forge a log line nor send terminal escape sequences.
 */
export function escapeControlCharacters(line: string): string {
  return line.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export function createRequestLog(output: (line: string) => void): RequestLog {
  const write = (line: string) => output(escapeControlCharacters(line));
  return {
    track(req, res) {
      const started = process.hrtime.bigint();
      const done = () => {
        res.off("close", done);
        res.off("finish", done);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const status = res.writableFinished ? String(res.statusCode) : `${res.statusCode} (aborted)`;
        write(`${req.method ?? "?"} ${redactRequestTarget(req.url ?? "")} ${status} ${ms.toFixed(1)}ms`);
      };
      res.on("finish", done);
      res.on("close", done);
    },
    event(line) {
      write(redactTokens(line));
    },
  };
}

/** The log used when logging is off: no timing, no work. */
export const silentRequestLog: RequestLog = { track() {}, event() {} };
