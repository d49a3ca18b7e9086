// The mock's defaults (key, port, host), in a module with no imports so the CLI can name them without loading the mock.

/** The official emulator's published key, so apps configured for the emulator work unchanged. */
export const DEFAULT_ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH";
export const DEFAULT_PORT = 8888;
export const DEFAULT_HOST = "127.0.0.1";
