// Ready-made fault profiles (`--faults-profile NAME`): each a `faults:` list, documented in docs/faults.md.

/** Azure SignalR Free tier: 20 concurrent connections and 20,000 messages a day; beyond, 429 (as issues report). */
const FREE_TIER = [
  ...["/client/negotiate", "/_hubkit/hubs/*"].map((path) => ({
    id: `free-tier-connections${path === "/client/negotiate" ? "" : "-dev"}`,
    match: { path },
    whenConnections: 20,
    status: 429,
    error: {
      code: "Error.Quota.Connections",
      message: "The Free tier allows 20 concurrent connections; this negotiate is refused (429).",
    },
    retryAfter: 60,
  })),
  {
    id: "free-tier-messages",
    match: { class: "message" },
    perDay: 20_000,
    status: 429,
    error: { code: "Error.Quota.Messages", message: "The Free tier allows 20,000 messages a day." },
    retryAfter: 3600,
  },
];

/** Drops and latency: WebSockets cut without a Close every 15 s, REST answers delayed around 80 ms. */
const FLAKY_NETWORK = [
  { id: "flaky-drop", drop: { every: "15s" } },
  { id: "flaky-latency", latency: { distribution: "lognormal", median: "80ms", sigma: 0.6 } },
  { id: "flaky-503", match: { class: "other" }, status: 503, probability: 0.05, seed: 42, retryAfter: 1 },
];

/**
 * Statuses the Management SDK treats differently with and without `RetryOptions`: message APIs retried on 502-504
 * only (never 500 or 429), other APIs on 5xx and 408. A client with the default (no retries) fails the first call;
 * one with `RetryOptions` (Functions' default) succeeds on the third attempt, 0.8 s apart.
 */
const SDK_RETRY_CHECK = [
  { id: "sdk-503-send", match: { class: "message" }, status: 503, times: 2 },
  { id: "sdk-500-send", match: { class: "message" }, status: 500, nth: 5 },
  { id: "sdk-502-other", match: { class: "other" }, status: 502, times: 2 },
  { id: "sdk-429-send", match: { class: "message" }, status: 429, retryAfter: 2, nth: 7 },
];

export const FAULT_PROFILES: Readonly<Record<string, readonly unknown[]>> = {
  "free-tier": FREE_TIER,
  "flaky-network": FLAKY_NETWORK,
  "sdk-retry-check": SDK_RETRY_CHECK,
};
