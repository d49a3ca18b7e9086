// The flags of `hubkit upstream-test` as commander parses them, shared by the options file (upstream-test.ts) and the lazily loaded
// action (upstream-test-action.ts) so that neither imports the other's module for them (no import loop).
export interface UpstreamTestFlags {
  accessKey?: string;
  hub?: string;
  method?: string;
  reporter?: string[];
  outDir?: string;
}
