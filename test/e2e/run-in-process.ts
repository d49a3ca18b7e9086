// Runs `hubkit ...` in this process through runCli with a captured CliIo: the CLI exactly as bin/hubkit.js runs it,
// minus the seconds a spawned Node start costs. Long-running commands stop through `stop(signal)`.
import { runCli } from "../../src/cli/main.js";
import { ROOT } from "./run-bin.js";

export interface InProcessRun {
  stdout: () => string;
  stderr: () => string;
  /** The exit code runCli resolved to. */
  exited: Promise<number>;
  /** Asks a long-running command (mock, proxy) to stop, as SIGINT/SIGTERM would. */
  stop: (signal?: string) => void;
  /** Resolves with the first match of `pattern` in stdout; rejects if the command ends first. */
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
}

export function runInProcess(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): InProcessRun {
  let out = "";
  let err = "";
  const watchers: Array<() => void> = [];
  let stop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const exited = runCli(args, {
    stdout: (text) => {
      out += text;
      for (const watch of [...watchers]) watch();
    },
    stderr: (text) => {
      err += text;
    },
    env: options.env ?? { ...process.env },
    cwd: options.cwd ?? ROOT,
    stopRequested: () => stopped,
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const found = pattern.exec(out);
        if (!found) return;
        watchers.splice(watchers.indexOf(check), 1);
        resolve(found);
      };
      watchers.push(check);
      check();
      exited.then((code) =>
        reject(new Error(`hubkit ${args.join(" ")} ended (${code}) before ${pattern}: ${out}${err}`)),
      );
    });
  return { stdout: () => out, stderr: () => err, exited, stop: (signal = "SIGTERM") => stop(signal), waitFor };
}
