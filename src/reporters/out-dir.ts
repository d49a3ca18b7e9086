// The default report folder, in a module with no imports so the CLI's help can name it without loading reporters.
export const DEFAULT_OUT_DIR = "reports";
