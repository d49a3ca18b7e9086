// A reader that closes the pipe early (`hubkit run --help | head -1`) ends hubkit quietly, never with an EPIPE stack.
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exitQuietlyOnBrokenPipe } from "../../src/cli/broken-pipe.js";
import { runCli } from "../../src/cli/main.js";
import { ROOT } from "../e2e/run-bin.js";

function epipe(): NodeJS.ErrnoException {
  return Object.assign(new Error("write EPIPE"), { code: "EPIPE", syscall: "write" });
}

describe("exitQuietlyOnBrokenPipe", () => {
  it("exits with the exit code decided so far when stdout's reader is gone", () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    exitQuietlyOnBrokenPipe([stream as unknown as NodeJS.WriteStream], (code) => exits.push(code));
    stream.emit("error", epipe());
    expect(exits).toEqual([typeof process.exitCode === "number" ? process.exitCode : 0]);
  });

  it("rethrows stream errors that are not a closed pipe", () => {
    const stream = new EventEmitter();
    exitQuietlyOnBrokenPipe([stream as unknown as NodeJS.WriteStream], () => {});
    expect(() => stream.emit("error", Object.assign(new Error("boom"), { code: "EIO" }))).toThrow("boom");
  });

  it("runCli in process: a writer that reports EPIPE ends the run quietly (no 'bug in hubkit' message)", async () => {
    let stderr = "";
    const code = await runCli(["run", "--help"], {
      stdout: () => {
        throw epipe();
      },
      stderr: (text) => {
        stderr += text;
      },
      env: {},
      cwd: process.cwd(),
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("bin/hubkit.js --help into a closed pipe exits 0 without a stack trace", async () => {
    const child = spawn(process.execPath, [join(ROOT, "bin/hubkit.js"), "run", "--help"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Close the read end before the child has started: its first write to stdout then fails with EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
