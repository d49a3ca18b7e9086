// Two ways to reach the mock with one interface: in-process (supertest on the listener) and a real socket (undici).
import type { RequestListener } from "node:http";
import supertest from "supertest";
import { request as undiciRequest } from "undici";

export interface RawRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface Caller {
  /** Scheme and authority the requests are addressed to (what a caller signs its audience from). */
  origin: string;
  send(request: RawRequest): Promise<RawResponse>;
}

/** Sends through supertest with a fixed Host, so tokens are signed for `origin` whatever port supertest picks. */
export function supertestCaller(listener: RequestListener, origin = "http://localhost:8888"): Caller {
  const host = new URL(origin).host;
  return {
    origin,
    async send({ method, path, headers = {}, body }) {
      let test = supertest(listener)
        [method.toLowerCase() as "get"](path)
        .set("Host", host)
        // Bytes as given: superagent would otherwise JSON-encode a Buffer sent with a JSON content type.
        .serialize((data: unknown) => data as string)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => done(null, Buffer.concat(chunks)));
        });
      for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
      const res = body === undefined ? await test : await test.send(body);
      // superagent skips the parser when there is no body (HEAD, Content-Length: 0).
      const bytes = Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0);
      return { status: res.status, headers: lowerHeaders(res.headers), body: bytes };
    },
  };
}

export function undiciCaller(origin: string): Caller {
  return {
    origin,
    async send({ method, path, headers = {}, body }) {
      const res = await undiciRequest(`${origin}${path}`, { method: method as "GET", headers, body });
      const bytes = Buffer.from(await res.body.arrayBuffer());
      const flat: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
      }
      return { status: res.statusCode, headers: flat, body: bytes };
    },
  };
}

function lowerHeaders(headers: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) flat[name.toLowerCase()] = String(value);
  return flat;
}
