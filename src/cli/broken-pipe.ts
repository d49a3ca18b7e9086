// Ends the process quietly when the reader of stdout or stderr goes away (`hubkit run --help | head -1`).
import { EXIT_CODES } from "../exit-codes.js";

type ErrorStream = Pick<NodeJS.WriteStream, "on">;

/** Whether `error` is a write to a pipe whose reader has gone (EPIPE). */
export function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EPIPE";
}

/**
 * A closed pipe is the reader saying "enough", as with any Unix tool: exit with the code decided so far instead of
 * an unhandled EPIPE and its stack. Other stream errors are real and are rethrown.
 */
export function exitQuietlyOnBrokenPipe(
  streams: readonly ErrorStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (!isBrokenPipe(error)) throw error;
      exit(typeof process.exitCode === "number" ? process.exitCode : EXIT_CODES.ok);
    });
  }
}
