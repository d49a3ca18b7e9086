// CPU time a process has used, read from /proc: CPU per request is a fair comparison even when the machine is busy,
// where requests per second depend on what else runs on the same cores.
import { readFileSync } from "node:fs";

/** Linux clock ticks per second (`getconf CLK_TCK`); 100 on every mainstream kernel configuration. */
const TICKS_PER_SECOND = 100;

/** User + system CPU milliseconds of `pid`, or undefined where /proc is not available. */
export function cpuMillis(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime + stime) ? ((utime + stime) * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
