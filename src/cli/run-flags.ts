// The flags of `hubkit run` as commander parses them, shared by the options file (run.ts) and the lazily loaded
// action (run-action.ts) so that neither imports the other's module for them (no import loop).
export interface RunFlags {
  target?: "mock" | "live";
  /** Port of the runner's own upstream receiver, for `expectUpstream` against a live service. */
  upstreamListen?: number;
  connectionString?: string;
  endpoint?: string;
  accessKey?: string;
  secondaryAccessKey?: string;
  grep?: string;
  builtin?: boolean;
  tag?: string[];
  skipTag?: string[];
  bail?: boolean;
  concurrency?: number;
  timeout?: number;
  reporter?: string[];
  outDir?: string;
  minPass?: string;
  minCoverage?: string;
  apiVersion?: string;
  shard?: string;
  durations?: string;
}
