// Client connections by the `id` their transport requests carry, from negotiate until the transport is gone.
import type { HubSession } from "./hub-session.js";

export class ConnectionRegistry {
  private readonly sessions = new Map<string, HubSession>();

  add(session: HubSession): void {
    this.sessions.set(session.token, session);
  }

  get(token: string): HubSession | undefined {
    return this.sessions.get(token);
  }

  /** Removes the session only if it is still the one registered under its token. */
  remove(session: HubSession): void {
    if (this.sessions.get(session.token) === session) this.sessions.delete(session.token);
  }

  /** Every known session (negotiated, connected, or lingering). */
  values(): IterableIterator<HubSession> {
    return this.sessions.values();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** One pass of the shared heartbeat over every session (deleting while iterating a Map is safe). */
  sweep(now: number): void {
    for (const session of this.sessions.values()) session.tick(now);
  }

  /** Ends every session and forgets them all. */
  endAll(reason: string): void {
    for (const session of [...this.sessions.values()]) session.close(reason);
    this.sessions.clear();
  }
}
