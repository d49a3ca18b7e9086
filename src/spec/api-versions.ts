// The API versions hubkit ships a document for, in a module with no imports so the CLI can name them cheaply.

/** Oldest first: the first is the default api-version (what apps configured for the emulator send). */
export const KNOWN_API_VERSIONS: readonly string[] = ["2022-06-01", "2024-12-01"];
