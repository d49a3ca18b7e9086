// Reads the emulator's settings.json (JSON is YAML, so the YAML parser gives line:col) into upstream templates.
import { readFileSync } from "node:fs";
import { HubkitError, problemList } from "../../errors.js";
import { parseYamlSource } from "../../suite/yaml-source.js";
import type { UpstreamTemplate } from "./templates.js";
import { type SettingsProblem, validateSettingsFile } from "./validate-settings.js";

export const UPSTREAM_SETTINGS_INVALID = "E_UPSTREAM_SETTINGS";

/** Parses and validates; throws a `HubkitErrorList` naming every problem with its position in `file`. */
export function parseUpstreamSettings(text: string, file: string): UpstreamTemplate[] {
  const source = parseYamlSource(file, text);
  if (source.errors.length > 0) {
    throw problemList(UPSTREAM_SETTINGS_INVALID, source.errors, `${source.errors.length} syntax error(s) in ${file}`);
  }
  const { templates, problems } = validateSettingsFile(source.value);
  if (problems.length > 0) {
    const located = problems.map((p: SettingsProblem) => ({
      ...p,
      position: source.locate(p.path, { key: p.at === "key" }),
    }));
    throw problemList(UPSTREAM_SETTINGS_INVALID, located, `${problems.length} problem(s) in ${file}`);
  }
  return templates;
}

export function loadUpstreamSettingsFile(path: string): UpstreamTemplate[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
    throw new HubkitError(`Upstream settings file ${path} ${reason}.`, {
      code: "E_UPSTREAM_SETTINGS_FILE",
      hint: "Pass the emulator's settings.json (write one with `asrs-emulator upstream init`), or use --upstream URL.",
      cause: error,
    });
  }
  return parseUpstreamSettings(text, path);
}
