// Log lines for deliveries to live clients: hub, target and recipients (ids and users), never payloads or tokens.
import type { StoreListener } from "../store.js";

/** A broadcast to 10,000 clients is one line, not 10,000. */
const MAX_LISTED = 5;

export function logLiveDeliveries(log: (line: string) => void): StoreListener {
  return {
    onDelivered(recipients, message) {
      const live = recipients.filter((c) => c.kind === "live");
      const first = live[0];
      if (first === undefined) return;
      const listed = live
        .slice(0, MAX_LISTED)
        .map((c) => (c.userId === undefined ? c.id : `${c.id}(${c.userId})`))
        .join(" ");
      const more = live.length > MAX_LISTED ? ` +${live.length - MAX_LISTED} more` : "";
      log(`client deliver hub=${first.hub} target=${message.target} to=${live.length}: ${listed}${more}`);
    },
  };
}
