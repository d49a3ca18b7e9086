// Reads pacts from a Pact Broker (the HAL "pacts for verification" resource, as pact-js's Verifier does with
// pactBrokerUrl + consumerVersionSelectors) into local files, and publishes verification results back.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HubkitError } from "../errors.js";

export const E_BROKER = "E_BROKER";

export interface BrokerOptions {
  url: string;
  /** Bearer token (PactFlow); or username + password (basic auth). */
  token?: string;
  username?: string;
  password?: string;
  /** The provider's name in the broker. */
  provider: string;
  /** Default `[{ latest: true }]`... left to the broker when absent (its own default: latest of each consumer). */
  consumerVersionSelectors?: unknown[];
  providerVersionBranch?: string;
  timeoutMs?: number;
}

export interface BrokerPact {
  /** The downloaded pact, ready for the file-based verifier. */
  file: string;
  /** `pb:publish-verification-results`, when the broker offers it. */
  publishUrl?: string;
  description: string;
}

type Hal = { _links?: Record<string, { href?: string } | undefined>; _embedded?: Record<string, unknown> };

/** Every pact the broker selects for the provider, downloaded into a fresh temporary folder. */
export async function fetchBrokerPacts(options: BrokerOptions): Promise<BrokerPact[]> {
  const index = (await call(options, "GET", options.url)) as Hal;
  const template = index._links?.["pb:provider-pacts-for-verification"]?.href;
  if (!template) {
    throw new HubkitError(
      `${options.url} is not a Pact Broker: its index has no pb:provider-pacts-for-verification link.`,
      {
        code: E_BROKER,
        hint: "Check --broker-url (the broker's base URL, e.g. https://broker.example.com).",
      },
    );
  }
  const forVerification = template.replace("{provider}", encodeURIComponent(options.provider));
  const body = {
    ...(options.consumerVersionSelectors ? { consumerVersionSelectors: options.consumerVersionSelectors } : {}),
    ...(options.providerVersionBranch ? { providerVersionBranch: options.providerVersionBranch } : {}),
    includePendingStatus: false,
  };
  const selected = (await call(options, "POST", forVerification, body)) as Hal;
  const entries = (selected._embedded?.pacts ?? []) as Array<Hal & { shortDescription?: string }>;
  if (entries.length === 0) {
    throw new HubkitError(`The broker at ${options.url} has no pacts for provider "${options.provider}".`, {
      code: E_BROKER,
      hint: "Check --provider-name and --consumer-version-selectors, and that the consumers have published.",
    });
  }
  const dir = mkdtempSync(join(tmpdir(), "hubkit-broker-"));
  const pacts: BrokerPact[] = [];
  for (const [i, entry] of entries.entries()) {
    const href = entry._links?.self?.href;
    if (!href) continue;
    const pact = (await call(options, "GET", href)) as Hal;
    const file = join(dir, `pact-${i + 1}.json`);
    writeFileSync(file, JSON.stringify(pact));
    const publishUrl = pact._links?.["pb:publish-verification-results"]?.href;
    pacts.push({ file, description: entry.shortDescription ?? href, ...(publishUrl ? { publishUrl } : {}) });
  }
  return pacts;
}

/** Posts one verification result per pact (the broker's pb:publish-verification-results resource). */
export async function publishVerificationResults(
  options: BrokerOptions,
  results: ReadonlyArray<{ pact: BrokerPact; success: boolean }>,
  version: { providerVersion: string; hubkitVersion: string },
): Promise<number> {
  let published = 0;
  for (const { pact, success } of results) {
    if (!pact.publishUrl) continue;
    await call(options, "POST", pact.publishUrl, {
      success,
      providerApplicationVersion: version.providerVersion,
      verifiedBy: { implementation: "signalr-hubkit", version: version.hubkitVersion },
    });
    published++;
  }
  return published;
}

async function call(options: BrokerOptions, method: string, url: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: "application/hal+json, application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  else if (options.username !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ""}`).toString("base64")}`;
  }
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new HubkitError(`Cannot reach the Pact Broker at ${url} (${cause}).`, {
      code: E_BROKER,
      hint: "Check --broker-url (or PACT_BROKER_BASE_URL) and that the broker is up and reachable from here.",
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    const auth = response.status === 401 || response.status === 403;
    throw new HubkitError(`The Pact Broker answered ${method} ${url} with ${response.status}.`, {
      code: E_BROKER,
      hint: auth
        ? "Check --broker-token, or --broker-username and --broker-password (PACT_BROKER_TOKEN, PACT_BROKER_USERNAME, PACT_BROKER_PASSWORD)."
        : `The broker said: ${text.slice(0, 200) || "(empty body)"}`,
    });
  }
  try {
    return text === "" ? {} : JSON.parse(text);
  } catch {
    throw new HubkitError(`The Pact Broker's answer to ${method} ${url} is not JSON.`, {
      code: E_BROKER,
      hint: "Check --broker-url: it must be the broker's base URL.",
    });
  }
}
