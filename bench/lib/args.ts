// The bench's command line: `--only rest,fanout,...`, `--quick`, `--help`.

export const PART_NAMES = ["rest", "fanout", "memory", "runner", "soak"] as const;
export type PartName = (typeof PART_NAMES)[number];

export interface BenchArgs {
  parts: PartName[];
  quick: boolean;
  /** Run the mock processes under `--cpu-prof` and list their hot functions. */
  profile: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [--only ${PART_NAMES.join(",")}] [--quick] [--profile]

  --only LIST   run only these parts (comma-separated), in the order above
  --quick       short durations and smaller client counts, for development (figures are not comparable)
  --profile     run the mock processes with --cpu-prof (bench/results/profiles/) and list their hot functions
  --help        show this text

Results are printed as tables and written to bench/results/latest.json.`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { parts: [...PART_NAMES], quick: false, profile: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--quick") args.quick = true;
    else if (arg === "--profile") args.profile = true;
    else if (arg === "--help" || arg === "-h") args.help = true;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const list = arg === "--only" ? argv[++i] : arg.slice("--only=".length);
      if (!list) throw new Error(`--only needs a list, e.g. --only rest,soak (parts: ${PART_NAMES.join(", ")}).`);
      const wanted = list
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
      const unknown = wanted.filter((p) => !(PART_NAMES as readonly string[]).includes(p));
      if (unknown.length > 0) {
        throw new Error(`Unknown part(s) in --only: ${unknown.join(", ")}. Parts are: ${PART_NAMES.join(", ")}.`);
      }
      args.parts = PART_NAMES.filter((p) => wanted.includes(p));
    } else throw new Error(`Unknown argument ${arg}.\n\n${USAGE}`);
  }
  return args;
}
