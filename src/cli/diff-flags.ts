// The flags of `hubkit diff` as commander parses them, shared by the options file (diff.ts) and the lazily loaded
// action (diff-action.ts) so that neither imports the other's module for them (no import loop).
export interface DiffFlags {
  reporter: string;
  strict?: boolean;
}
