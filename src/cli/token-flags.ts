// The flags of `hubkit token` as commander parses them, and its default endpoint, shared by the options file (token.ts) and the lazily loaded
// action (token-action.ts) so that neither imports the other's module for them (no import loop).
import { DEFAULT_HOST, DEFAULT_PORT } from "../mock/defaults.js";

export interface TokenFlags {
  accessKey?: string;
  connectionString?: string;
  expiresIn: number;
  user?: string;
  url?: string;
}

/** The URL `hubkit mock` prints by default, so a token for a path works against the printed URL as is. */
export const DEFAULT_ENDPOINT = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
