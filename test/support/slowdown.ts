// How much slower than its own CPU time this machine runs right now: the factor test timeouts are scaled by.
import { createHash } from "node:crypto";

/** Timeouts are written for a quiet machine; this is never below 1 and capped so a hung test still ends. */
const MAX_FACTOR = 4;

/**
 * Runs a small CPU-bound workload and compares its wall time with the CPU time it got. On a quiet machine the two
 * are equal; when other processes compete for the cores, wall time grows by the share they take. Taking the best
 * of a few rounds keeps one unlucky scheduling hiccup from inflating it. `HUBKIT_TEST_SLOWDOWN` overrides it.
 */
export function measureSlowdown(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env.HUBKIT_TEST_SLOWDOWN);
  if (Number.isFinite(forced) && forced > 0) return forced;
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) best = Math.min(best, oneRound());
  return Math.min(MAX_FACTOR, Math.max(1, Math.round(best * 10) / 10));
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
