// How much slower than its own CPU time this machine runs right now: the factor test timeouts are scaled by.
import { createHash } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";

/** Timeouts are written for a quiet machine; this is never below 1 and capped so a hung test still ends. */
const MAX_FACTOR = 4;

/** What the machine looks like: overridable so the estimate can be tested without a busy machine. */
export interface MachineProbe {
  /** Wall time over CPU time of a short CPU-bound workload, right now (1 when nothing competes). */
  probe: () => number;
  /** The 1-minute load average. */
  load: () => number;
  cores: number;
}

const MACHINE: MachineProbe = { probe: oneRound, load: () => loadavg()[0]!, cores: availableParallelism() };

/**
 * Two views of contention, the larger wins: a short CPU-bound workload whose wall time is compared with the CPU time
 * it got (equal on a quiet machine; best of three rounds, so one scheduling hiccup does not inflate it), and the
 * 1-minute load average per core. The probe alone catches a competitor that just started (the load average lags by
 * a minute) but can land in a lull of a machine that has been busy for minutes, and then the suite got quiet-machine
 * timeouts on a machine running several times slower; the load average covers that case. `HUBKIT_TEST_SLOWDOWN`
 * overrides both.
 */
export function measureSlowdown(env: NodeJS.ProcessEnv = process.env, machine: MachineProbe = MACHINE): number {
  const forced = Number(env.HUBKIT_TEST_SLOWDOWN);
  if (Number.isFinite(forced) && forced > 0) return forced;
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) best = Math.min(best, machine.probe());
  const perCore = machine.load() / Math.max(1, machine.cores);
  return Math.min(MAX_FACTOR, Math.max(1, Math.round(Math.max(best, perCore) * 10) / 10));
}

function oneRound(): number {
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  let data = Buffer.alloc(64, 1);
  // About 0.1 s of hashing on a 2020s core: long enough to span several scheduler slices.
  for (let i = 0; i < 8_000; i++) data = createHash("sha256").update(data).digest();
  const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return cpuMs > 0 ? wallMs / cpuMs : 1;
}

/** A timeout written for a quiet machine, stretched by the measured slowdown. */
export function scaled(quietMs: number, factor: number): number {
  return Math.round(quietMs * factor);
}

/** The slowdown vitest.config.ts measured for this run (1 outside vitest). */
export function currentSlowdown(): number {
  const factor = Number(process.env.HUBKIT_TEST_SLOWDOWN);
  return Number.isFinite(factor) && factor >= 1 ? factor : 1;
}
