// The flags of `hubkit init` as commander parses them, shared by the options file (init.ts) and the lazily loaded
// action (init-action.ts) so that neither imports the other's module for them (no import loop).
export interface InitFlags {
  force?: boolean;
}
