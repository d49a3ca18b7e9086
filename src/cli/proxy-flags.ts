// The flags of `hubkit proxy` as commander parses them, shared by the options file (proxy.ts) and the lazily loaded
// action (proxy-action.ts) so that neither imports the other's module for them (no import loop).
export interface ProxyFlags {
  upstream: string;
  port: number;
  host: string;
  reporter?: string[];
  outDir: string;
  apiVersion?: string;
}
