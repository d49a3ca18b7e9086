// Checks upstream settings (the emulator's settings.json, or a state file's `upstream:` list) and lists every problem
// with the path where it is, so the loaders can point at file:line:col.
import { suggestClosest } from "../../spec/index.js";
import { isObj, type Obj, showFound } from "../found-value.js";
import { patternProblem, type UpstreamTemplate, urlTemplateProblem } from "./templates.js";

export type SettingsPath = ReadonlyArray<string | number>;

/** Same shape as a fixture problem, so the state-file validator can take these as they are. */
export interface SettingsProblem {
  path: SettingsPath;
  at: "key" | "value";
  message: string;
  hint?: string;
}

/** .NET configuration binding is case-insensitive, so `urlTemplate` works in the emulator too. */
const TEMPLATE_KEYS = ["UrlTemplate", "HubPattern", "EventPattern", "CategoryPattern", "Auth"] as const;

export function formatSettingsPath(path: SettingsPath): string {
  return path.reduce<string>((text, s) => (typeof s === "number" ? `${text}[${s}]` : text ? `${text}.${s}` : s), "");
}

/** The emulator's file: `{ "UpstreamSettings": { "Templates": [ ... ] } }`. */
export function validateSettingsFile(value: unknown): { templates: UpstreamTemplate[]; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const fail = failer(problems);
  if (!isObj(value)) {
    fail([], `expected {"UpstreamSettings": {"Templates": [...]}}, found ${showFound(value)}`);
    return { templates: [], problems };
  }
  const rootKey = knownKeys(value, [], ["UpstreamSettings"], problems).get("upstreamsettings");
  if (rootKey === undefined) {
    if (problems.length === 0) fail([], "the `UpstreamSettings` section is missing", "value", INIT_HINT);
    return { templates: [], problems };
  }
  const section = value[rootKey];
  if (!isObj(section)) {
    fail([rootKey], `expected a mapping with \`Templates\`, found ${showFound(section)}`);
    return { templates: [], problems };
  }
  const listKey = knownKeys(section, [rootKey], ["Templates"], problems).get("templates");
  if (listKey === undefined) return { templates: [], problems };
  const templates = validateTemplateList(section[listKey], [rootKey, listKey], problems);
  return { templates, problems };
}

const INIT_HINT =
  'Write the file as `asrs-emulator upstream init` does: {"UpstreamSettings": {"Templates": [{"UrlTemplate": "http://localhost:7071/runtime/webhooks/signalr", "EventPattern": "*", "HubPattern": "*", "CategoryPattern": "*"}]}}';

/** A list of templates: each a mapping with `UrlTemplate` and optional patterns, or (state files) a URL string. */
export function validateTemplateList(list: unknown, at: SettingsPath, problems: SettingsProblem[]): UpstreamTemplate[] {
  const fail = failer(problems);
  if (!Array.isArray(list)) {
    fail(at, `expected a list of templates, found ${showFound(list)}`);
    return [];
  }
  const templates: UpstreamTemplate[] = [];
  list.forEach((item, i) => {
    const here = [...at, i];
    if (typeof item === "string") {
      const problem = urlTemplateProblem(item);
      if (problem) fail(here, problem);
      else templates.push({ urlTemplate: item, hubPattern: "*", eventPattern: "*", categoryPattern: "*" });
      return;
    }
    if (!isObj(item)) {
      fail(here, `expected a template mapping with \`UrlTemplate\`, found ${showFound(item)}`);
      return;
    }
    const keys = knownKeys(item, here, TEMPLATE_KEYS, problems);
    const urlKey = keys.get("urltemplate");
    const url = urlKey === undefined ? undefined : item[urlKey];
    let ok = true;
    if (typeof url !== "string") {
      ok = fail(
        urlKey === undefined ? here : [...here, urlKey],
        `\`UrlTemplate\` ${url === undefined ? "is missing" : `must be a string, found ${showFound(url)}`}`,
      );
    } else {
      const problem = urlTemplateProblem(url);
      if (problem) ok = fail([...here, urlKey!], problem);
    }
    const patterns: Record<string, string> = {};
    for (const name of ["HubPattern", "EventPattern", "CategoryPattern"]) {
      const key = keys.get(name.toLowerCase());
      const pattern = key === undefined ? "*" : item[key];
      if (typeof pattern !== "string") {
        ok = fail([...here, key!], `expected a pattern string, found ${showFound(pattern)}`);
        continue;
      }
      const problem = patternProblem(pattern);
      if (problem) ok = fail([...here, key!], problem, "value", "Write `*`, one name, or names separated by commas.");
      patterns[name] = pattern;
    }
    const authKey = keys.get("auth");
    if (authKey !== undefined) {
      ok = fail(
        [...here, authKey],
        "upstream authentication (managed identity) is not supported by the hubkit mock",
        "key",
        "Remove `Auth`: the mock signs every call with X-ASRS-Signature instead.",
      );
    }
    if (ok && typeof url === "string") {
      templates.push({
        urlTemplate: url,
        hubPattern: patterns.HubPattern ?? "*",
        eventPattern: patterns.EventPattern ?? "*",
        categoryPattern: patterns.CategoryPattern ?? "*",
      });
    }
  });
  return templates;
}

/** Lower-case name -> the key as written; unknown keys reported with a did-you-mean. */
function knownKeys(
  owner: Obj,
  at: SettingsPath,
  allowed: readonly string[],
  problems: SettingsProblem[],
): Map<string, string> {
  const found = new Map<string, string>();
  for (const key of Object.keys(owner)) {
    const canonical = allowed.find((name) => name.toLowerCase() === key.toLowerCase());
    if (canonical !== undefined) {
      found.set(canonical.toLowerCase(), key);
      continue;
    }
    const guess = suggestClosest(key, allowed);
    failer(problems)(
      [...at, key],
      `unknown key ${showFound(key)}`,
      "key",
      guess ? `Did you mean \`${guess}\`?` : `Allowed keys: ${allowed.join(", ")}.`,
    );
  }
  return found;
}

function failer(problems: SettingsProblem[]) {
  return (path: SettingsPath, message: string, at: "key" | "value" = "value", hint?: string): false => {
    const problem: SettingsProblem = { path, at, message: `${formatSettingsPath(path) || "(root)"}: ${message}` };
    if (hint) problem.hint = hint;
    problems.push(problem);
    return false;
  };
}
