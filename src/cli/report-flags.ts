// The flags of `hubkit report` as commander parses them, shared by the options file (report.ts) and the lazily loaded
// action (report-action.ts) so that neither imports the other's module for them (no import loop).
export interface ReportFlags {
  reporter: string[];
  outDir?: string;
  minPass?: string;
  minCoverage?: string;
  merge?: boolean;
}
