// What `hubkit init` does: checks that no file would be overwritten, writes the templates, says what to run next.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { HubkitError } from "../errors.js";
import { EXIT_CODES } from "../exit-codes.js";
import type { InitFlags } from "./init-flags.js";
import { INIT_TEMPLATES } from "./init-templates.js";
import type { CommandIo } from "./io.js";

export async function executeInit(flags: InitFlags, io: CommandIo): Promise<number> {
  const existing = INIT_TEMPLATES.filter((t) => existsSync(join(io.cwd, t.path))).map((t) => t.path);
  if (existing.length > 0 && !flags.force) {
    throw new HubkitError(`hubkit init would overwrite ${existing.join(", ")} in ${io.cwd}.`, {
      code: "E_INIT_EXISTS",
      hint: "Move or delete those files, or run `hubkit init --force` to overwrite them.",
    });
  }
  io.stdout(`hubkit init in ${io.cwd}\n`);
  for (const template of INIT_TEMPLATES) {
    const path = join(io.cwd, template.path);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, template.text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      throw new HubkitError(`hubkit init cannot write ${template.path} in ${io.cwd} (${code || String(error)}).`, {
        code: "E_INIT_WRITE",
        hint:
          code === "EACCES" || code === "EPERM" || code === "EROFS"
            ? "The folder is not writable: run hubkit init in a folder you may write to, or fix its permissions."
            : "Check the path and free space, then run hubkit init again.",
      });
    }
    const verb = existing.includes(template.path) ? "overwrote" : "wrote";
    io.stdout(`  ${verb} ${template.path}\n`);
  }
  io.stdout(
    [
      "",
      "Next:",
      "  npx hubkit run                  run suites/ against the built-in mock (add --builtin for hubkit's own suites)",
      "  npx hubkit mock --state mocks/state.yaml   a local Azure SignalR Service for your app",
      "",
    ].join("\n"),
  );
  return EXIT_CODES.ok;
}
