// Upstream URL templates as the emulator's settings.json describes them: first match wins, URL placeholders escaped.

/** One `UpstreamSettings.Templates[]` item, patterns defaulted to `*`. */
export interface UpstreamTemplate {
  urlTemplate: string;
  hubPattern: string;
  eventPattern: string;
  categoryPattern: string;
}

export type UpstreamCategory = "connections" | "messages";

/** What a template is matched against: the hub (effective name), the category and the event. */
export interface UpstreamEventKey {
  hub: string;
  category: UpstreamCategory;
  event: string;
}

/** The Functions extension's default SignalR trigger endpoint (`func start` listens on 7071). */
export const FUNCTIONS_DEFAULT_URL = "http://localhost:7071/runtime/webhooks/signalr";

const PLACEHOLDER = /\{(hub|category|event)\}/g;

/** A template for a URL, with every pattern `*` (what `--upstream URL` means). */
export function templateFor(urlTemplate: string): UpstreamTemplate {
  return { urlTemplate, hubPattern: "*", eventPattern: "*", categoryPattern: "*" };
}

/**
 * `*`, a comma list (items trimmed) or an exact name. Case-sensitive, as the emulator's default HashSet is; the mock
 * lower-cases hub names, so hub patterns compare case-insensitively (documented in docs/fidelity.md).
 */
export function patternMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const trimmed = pattern.trim();
  if (trimmed === "*") return true;
  const wanted = ignoreCase ? value.toLowerCase() : value;
  return trimmed.split(",").some((item) => (ignoreCase ? item.trim().toLowerCase() : item.trim()) === wanted);
}

/** The first template whose hub, event and category patterns all match; undefined when none does. */
export function findTemplate(
  templates: readonly UpstreamTemplate[],
  key: UpstreamEventKey,
): UpstreamTemplate | undefined {
  return templates.find(
    (t) =>
      patternMatches(t.hubPattern, key.hub, true) &&
      patternMatches(t.categoryPattern, key.category) &&
      patternMatches(t.eventPattern, key.event),
  );
}

/** `{hub}`, `{category}` and `{event}` replaced with URI-escaped values (`Uri.EscapeDataString`); other text kept. */
export function expandUrl(urlTemplate: string, key: UpstreamEventKey): string {
  return urlTemplate.replace(PLACEHOLDER, (_, name: keyof UpstreamEventKey) => escapeDataString(key[name]));
}

/** .NET's `Uri.EscapeDataString` keeps only RFC 3986 unreserved characters; encodeURIComponent also keeps !'()*. */
function escapeDataString(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Why a URL template cannot be used, or undefined when it expands to an absolute http(s) URL. */
export function urlTemplateProblem(urlTemplate: string): string | undefined {
  const sample = expandUrl(urlTemplate, { hub: "chat", category: "messages", event: "broadcast" });
  let url: URL;
  try {
    url = new URL(sample);
  } catch {
    return `expected an absolute URL such as ${FUNCTIONS_DEFAULT_URL}, found ${JSON.stringify(urlTemplate)}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `expected an http:// or https:// URL, found ${JSON.stringify(urlTemplate)}`;
  }
  return undefined;
}

/** Why a hub/event/category pattern cannot be used, or undefined. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.trim() === "") return "expected `*`, a name or a comma list of names, found an empty pattern";
  if (pattern.trim() === "*") return undefined;
  const items = pattern.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) return `empty item in the comma list ${JSON.stringify(pattern)}`;
  if (items.includes("*")) {
    return `\`*\` only matches everything on its own; in the list ${JSON.stringify(pattern)} it would match only a name "*"`;
  }
  return undefined;
}
