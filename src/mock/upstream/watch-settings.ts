// Hot reload of the upstream settings file, as the emulator's IOptionsMonitor does: a bad edit keeps the last good
// settings and reports the error (with file:line:col) instead.
import { type Stats, statSync } from "node:fs";
import { formatHubkitError, HubkitError } from "../../errors.js";
import { loadUpstreamSettingsFile } from "./load-settings.js";
import type { UpstreamTemplate } from "./templates.js";

export interface SettingsWatchOptions {
  path: string;
  /** Called with the new templates after a good edit. */
  onReload(templates: UpstreamTemplate[]): void;
  /** One readable line (or several) per event: reloaded, or kept the last good settings because of ... */
  log(text: string): void;
  /** Polling interval; default 250 ms. */
  intervalMs?: number;
}

/**
 * Starts watching; returns the function that stops. Polls with stat and compares with the file as last seen (not with
 * the previous poll), so an edit right after start is not lost and editors that replace the file are seen.
 */
export function watchUpstreamSettings(options: SettingsWatchOptions): () => void {
  let seen = signature(options.path);
  const timer = setInterval(() => {
    const now = signature(options.path);
    if (now === seen) return;
    seen = now;
    try {
      const templates = loadUpstreamSettingsFile(options.path);
      options.onReload(templates);
      options.log(`upstream settings reloaded from ${options.path}: ${templates.length} template(s)`);
    } catch (error) {
      const text = error instanceof HubkitError ? formatHubkitError(error) : String(error);
      options.log(`upstream settings in ${options.path} not reloaded, keeping the last good ones:\n${text}`);
    }
  }, options.intervalMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}

function signature(path: string): string {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return "missing";
  }
  return `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
}
