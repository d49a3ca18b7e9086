// Waiting for a condition that follows an event the test cannot subscribe to (a socket closing on the other side, a
// counter in another module): polled, with a deadline stretched by the measured slowdown instead of a fixed count.
import { currentSlowdown, scaled } from "./slowdown.js";

/** How long a condition may take on a quiet machine before the wait fails. */
const QUIET_LIMIT_MS = 20_000;
const POLL_MS = 10;

/**
 * Resolves as soon as `condition()` holds (checked now, then every 10 ms); rejects naming `what` once the deadline
 * (20 s on a quiet machine, times the slowdown vitest measured) passes. The deadline is wall time, so a machine
 * that slows the polling down does not shorten it.
 */
export async function eventually(condition: () => boolean, what: string, quietLimitMs = QUIET_LIMIT_MS): Promise<void> {
  const deadline = performance.now() + scaled(quietLimitMs, currentSlowdown());
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
