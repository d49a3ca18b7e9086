// The live target: an Azure SignalR resource (or anything that speaks its API) reached through a connection string.
import { type ConnectionInfo, parseConnectionString } from "../auth/index.js";
import { HubkitError } from "../errors.js";
import { createHttpTarget } from "./http-target.js";
import type { TargetFactory } from "./target.js";

export type LiveTargetOptions = ({ connectionString: string } | { endpoint: string; accessKey: string }) & {
  /** The resource's other access key, for `auth: secondary` steps (skipped without it). */
  secondaryAccessKey?: string;
};

/** Parses the credentials once (a bad connection string is a usage error, keys redacted); each worker gets a target. */
export function createLiveTargetFactory(options: LiveTargetOptions): TargetFactory & { info: ConnectionInfo } {
  const info =
    "connectionString" in options
      ? parseConnectionString(options.connectionString)
      : fromFlags(options as { endpoint: string; accessKey: string });
  return {
    kind: "live",
    info,
    create: async () =>
      createHttpTarget({
        kind: "live",
        endpoint: info.endpoint,
        accessKey: info.accessKey,
        ...(options.secondaryAccessKey ? { secondaryAccessKey: options.secondaryAccessKey } : {}),
        ...(info.clientEndpoint ? { clientEndpoint: info.clientEndpoint } : {}),
      }),
  };
}

function fromFlags(options: { endpoint: string; accessKey: string }): ConnectionInfo {
  if (options.accessKey === "") {
    throw new HubkitError("--endpoint needs --access-key.", {
      code: "E_USAGE",
      hint: "Give both, or a --connection-string.",
    });
  }
  if (options.endpoint.includes(";")) {
    throw new HubkitError("--endpoint must be a URL, not a connection string.", {
      code: "E_USAGE",
      hint: "Use --connection-string for Endpoint=...;AccessKey=...;Version=1.0;",
    });
  }
  // Reuse the connection string rules (http/https only, no query, trailing slash dropped) for the flags too.
  return parseConnectionString(`Endpoint=${options.endpoint};AccessKey=${options.accessKey};Version=1.0;`);
}
