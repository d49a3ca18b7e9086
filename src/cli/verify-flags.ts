// The flags of `hubkit verify` as commander parses them, shared by the options file (verify.ts) and the lazily loaded
// action (verify-action.ts) so that neither imports the other's module for them (no import loop).
export interface VerifyFlags {
  target?: "mock" | "live";
  connectionString?: string;
  static?: boolean;
  reporter: string[];
  outDir: string;
  report: boolean;
  brokerUrl?: string;
  brokerToken?: string;
  brokerUsername?: string;
  brokerPassword?: string;
  providerName: string;
  consumerVersionSelectors?: unknown[];
  providerVersion?: string;
  publish?: boolean;
  apiVersion?: string;
}
