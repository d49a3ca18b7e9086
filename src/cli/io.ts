// Where every hubkit command writes, reads its environment and working folder, and learns it should stop, so the
// whole CLI runs in-process (tests, the programmatic API) as well as from a terminal.
import { isAbsolute, resolve } from "node:path";

/** The outside world of one CLI run. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal (colours, progress bar); default false. */
  isTTY?: boolean;
  /**
   * Long-running commands (`mock`, `proxy`) await this, then stop cleanly and return. Resolves with a name for the
   * log. Default: the first SIGINT or SIGTERM (listeners are only installed when a command asks).
   */
  stopRequested?: () => Promise<string>;
}

/** A CliIo plus the exit-code sink a command reports its outcome to; what each `register*Command` receives. */
export interface CommandIo extends CliIo {
  setExitCode: (code: number) => void;
}

/** The process's own streams, environment and folder. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    stopRequested: processSignals,
  };
}

/** Fills what a caller left out with the process's own, and exit codes with `process.exitCode`. */
export function commandIo(io: Partial<CommandIo> = {}): CommandIo {
  return {
    ...processIo(),
    setExitCode: (code) => {
      process.exitCode = code;
    },
    ...io,
  };
}

/** Resolves when the command should stop: the caller's request, or the process's SIGINT/SIGTERM. */
export function stopRequested(io: CliIo): Promise<string> {
  return (io.stopRequested ?? processSignals)();
}

function processSignals(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => () => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(signal);
    };
    const onInt = on("SIGINT");
    const onTerm = on("SIGTERM");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
  });
}

/**
 * A path the user typed, for the command's working folder. Unchanged when that is the process's own folder, so
 * messages show the path as typed.
 */
export function pathIn(io: CliIo, path: string): string {
  return io.cwd === process.cwd() || isAbsolute(path) ? path : resolve(io.cwd, path);
}
