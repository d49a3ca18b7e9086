// `hubkit init`: scaffolds an example suite, a mock state, contracts/ and a CI workflow in the current project.
// The options live here; the implementation (init-action.ts) is loaded only when the command runs.
import type { Command } from "commander";
import type { InitFlags } from "./init-flags.js";
import { type CommandIo, commandIo } from "./io.js";

export function registerInitCommand(program: Command, io: Partial<CommandIo> = {}): Command {
  const out = commandIo(io);
  return program
    .command("init")
    .description(
      "Scaffold hubkit in this project: suites/example.yaml, mocks/state.yaml, contracts/ and a GitHub Actions " +
        "workflow (.github/workflows/hubkit.yml). Overwrites nothing unless --force.",
    )
    .option("--force", "overwrite files that already exist")
    .addHelpText("after", "\nExit codes: 0 written, 2 a file exists (without --force) or the folder is not writable.")
    .action(async (flags: InitFlags) => {
      const { executeInit } = await import("./init-action.js");
      out.setExitCode(await executeInit(flags, out));
    });
}
