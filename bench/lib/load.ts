// One autocannon run from the bench process: requests per second, sub-millisecond percentiles, and every failure.
import autocannon, { type AutocannonClient } from "autocannon";
import type { LatencyHistogram } from "./latency-histogram.js";

export interface LoadOptions {
  url: string;
  method: "POST" | "HEAD";
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  /** Receives the latency of every 2xx answer; pass one histogram to several runs to merge them. */
  histogram: LatencyHistogram;
}

export interface LoadResult {
  /** 2xx answers. */
  requests: number;
  /** Seconds the run actually lasted. */
  durationSeconds: number;
  /** Socket errors + timeouts + answers outside 2xx: each run must be clean for its figures to count. */
  failures: number;
  statusCodes: Record<string, number>;
}

/** Index of `kOnHeadersComplete` in http-parser-js, the parser autocannon uses. */
const ON_HEADERS_COMPLETE = 2;

/**
 * autocannon's parser does not know it sent HEAD, so an answer without Content-Length (Prism's HEAD 200) would be read
 * until the socket closes and no request ever completes (stack notes §8). Returning 1 from the headers callback is
 * http-parser's "skip the body"; it is wrapped after the client's constructor has installed its own callback.
 */
function skipBodies(client: AutocannonClient): void {
  queueMicrotask(() => {
    const own = client.parser[ON_HEADERS_COMPLETE];
    if (typeof own !== "function") return;
    client.parser[ON_HEADERS_COMPLETE] = (...args: unknown[]) => {
      own(...args);
      return 1;
    };
  });
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { histogram } = options;
  let requests = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method,
        headers: options.headers,
        ...(options.body === undefined ? {} : { body: options.body }),
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 10,
        ...(options.method === "HEAD" ? { setupClient: skipBodies } : {}),
      },
      (error, result) => {
        if (error) return reject(error);
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count]));
        resolve({
          requests,
          durationSeconds: result.duration,
          failures: result.errors + result.timeouts + result.non2xx,
          statusCodes,
        });
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status < 200 || status >= 300) return;
      requests++;
      histogram.record(ms);
    });
  });
}
