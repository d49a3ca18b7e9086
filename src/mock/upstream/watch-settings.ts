// Hot reload of the upstream settings file, as the emulator's IOptionsMonitor does: a bad edit keeps the last good
// settings and reports the error (with file:line:col) instead.
import { unwatchFile, watchFile } from "node:fs";
import { formatHubkitError, HubkitError } from "../../errors.js";
import { loadUpstreamSettingsFile } from "./load-settings.js";
import type { UpstreamTemplate } from "./templates.js";

export interface SettingsWatchOptions {
  path: string;
  /** Called with the new templates after a good edit. */
  onReload(templates: UpstreamTemplate[]): void;
  /** One readable line (or several) per event: reloaded, or kept the last good settings because of ... */
  log(text: string): void;
  /** Polling interval; default 500 ms (fs.watch misses editors that replace the file). */
  intervalMs?: number;
}

/** Starts watching; returns the function that stops. */
export function watchUpstreamSettings(options: SettingsWatchOptions): () => void {
  const listener = (current: { mtimeMs: number; size: number }, previous: { mtimeMs: number; size: number }) => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
    try {
      const templates = loadUpstreamSettingsFile(options.path);
      options.onReload(templates);
      options.log(`upstream settings reloaded from ${options.path}: ${templates.length} template(s)`);
    } catch (error) {
      const text = error instanceof HubkitError ? formatHubkitError(error) : String(error);
      options.log(`upstream settings in ${options.path} not reloaded, keeping the last good ones:\n${text}`);
    }
  };
  watchFile(options.path, { interval: options.intervalMs ?? 500, persistent: false }, listener);
  return () => unwatchFile(options.path, listener);
}
