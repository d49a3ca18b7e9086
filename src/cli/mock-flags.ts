// The flags of `hubkit mock` as commander parses them, shared by the options file (mock.ts) and the lazily loaded
// action (mock-action.ts) so that neither imports the other's module for them (no import loop).
import type { UpstreamFlags } from "./mock-upstream.js";

export interface MockFlags extends UpstreamFlags {
  engine?: "stateful" | "prism";
  port?: number;
  host?: string;
  accessKey?: string[];
  state?: string;
  apiVersion?: string[];
  quiet?: boolean;
  devNegotiate?: boolean;
  keepAlive?: number;
  dashboard: boolean;
  faults?: string;
  faultsProfile?: string;
  allowedHost?: string[];
  corsOrigin?: string[];
  strictAudience?: boolean;
  allowDefaultKeyOnNetwork?: boolean;
  adminApi?: boolean;
  strictVersions?: boolean;
}
