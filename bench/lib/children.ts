// The bench's child processes: start them (TypeScript through tsx, with IPC), and make sure none outlives the bench.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { IpcPeer } from "./ipc.js";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const live = new Set<ChildProcess>();
let handlersInstalled = false;

/** Kills every child still running when the bench ends, fails or is interrupted. */
export function installChildCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", killAllChildren);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping ${live.size} child process(es)\n`);
      killAllChildren();
      process.exit(130);
    });
  }
}

export function killAllChildren(): void {
  for (const child of live) child.kill("SIGKILL");
  live.clear();
}

/** Tracks a child so cleanup finds it; it leaves the set when it exits. */
export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface TsChildOptions {
  name: string;
  /** Path relative to the repository root, e.g. `bench/servers/bare-server.ts`. */
  script: string;
  args?: string[];
  /** File descriptors the child needs; raises its soft limit (up to the hard one) through `sh -c ulimit`. */
  fileDescriptors?: number;
  /** Extra Node flags. */
  nodeFlags?: string[];
  /** A process under test: it gets `--cpu-prof` when the bench runs with `--profile`. */
  underTest?: boolean;
}

/** Set by `--profile`: where processes under test write their `.cpuprofile` files. */
export const profiling: { dir: string | undefined } = { dir: undefined };

export interface TsChild {
  child: ChildProcess;
  ipc: IpcPeer;
  stop(): Promise<void>;
}

/** Starts a TypeScript child with an IPC channel and `--expose-gc` (memory figures are taken after a full GC). */
export function startTsChild(options: TsChildOptions): TsChild {
  const profileFlags = options.underTest && profiling.dir ? ["--cpu-prof", `--cpu-prof-dir=${profiling.dir}`] : [];
  const nodeArgs = [
    "--import",
    "tsx",
    "--expose-gc",
    ...profileFlags,
    ...(options.nodeFlags ?? []),
    options.script,
    ...(options.args ?? []),
  ];
  const stdio: ["ignore", "inherit", "inherit", "ipc"] = ["ignore", "inherit", "inherit", "ipc"];
  const limits = fileDescriptorLimits();
  const wanted = options.fileDescriptors ?? 0;
  const child =
    wanted > limits.soft
      ? spawn(
          "/bin/sh",
          ["-c", `ulimit -n ${Math.min(wanted, limits.hard)} && exec "$0" "$@"`, process.execPath, ...nodeArgs],
          {
            cwd: REPO_ROOT,
            stdio,
          },
        )
      : spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, stdio });
  track(child);
  const ipc = new IpcPeer(child, options.name);
  return { child, ipc, stop: () => stopChild(child) };
}

export interface FdLimits {
  soft: number;
  hard: number;
}

let cachedLimits: FdLimits | undefined;

/** The shell's `ulimit -n` (soft) and `ulimit -Hn` (hard); Node has no getrlimit. */
export function fileDescriptorLimits(): FdLimits {
  if (cachedLimits) return cachedLimits;
  const out = execFileSync("/bin/sh", ["-c", "ulimit -Sn; ulimit -Hn"], { encoding: "utf8" }).trim().split(/\s+/);
  const parse = (text: string | undefined) => (text === "unlimited" ? Number.MAX_SAFE_INTEGER : Number(text));
  cachedLimits = { soft: parse(out[0]), hard: parse(out[1]) };
  return cachedLimits;
}
