// An in-process CLI's io that keeps what the command printed, for tests that call runCommand/runCli directly.

export interface CapturedIo {
  io: {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    env: Record<string, string>;
    cwd: string;
  };
  out: () => string;
  err: () => string;
}

export function captureIo(cwd: string, env: Record<string, string> = {}): CapturedIo {
  let out = "";
  let err = "";
  return {
    io: {
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
      env,
      cwd,
    },
    out: () => out,
    err: () => err,
  };
}
