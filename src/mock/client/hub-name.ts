// Hub and application names as the spec allows them, the effective `app_hub` names clients connect with, and the 400 texts.
import type { NameRules } from "../../spec/index.js";

/** The REST API's own hub and application patterns (from the mock's SpecIndex), so REST and clients agree. */
export type NamePatterns = Pick<NameRules, "hub" | "application">;

const RULE = "1-128 characters, a letter first, then letters, digits or _`,.[]";

/** The longest effective name: a 128-character application, `_`, a 128-character hub. */
const MAX_EFFECTIVE_LENGTH = 257;

/**
 * A hub clients may name in `?hub=` on `/client/`: a spec-valid hub, or `application_hub` where some `_` splits it
 * into a spec-valid application and a spec-valid hub. Both parts may hold `_` themselves, so every `_` is tried as
 * the split; a name valid either way is the same effective hub, since the service joins them as `app_hub`.
 */
export function isValidClientHubName(name: string, names: NamePatterns): boolean {
  const { hub, application } = names;
  if (hub.test(name)) return true;
  if (name.length > MAX_EFFECTIVE_LENGTH) return false;
  for (let split = name.indexOf("_"); split > 0; split = name.indexOf("_", split + 1)) {
    if (application.test(name.slice(0, split)) && hub.test(name.slice(split + 1))) return true;
  }
  return false;
}

/** Undefined when `name` is a valid `{hub}` (REST rules); otherwise the 400 text. */
export function hubNameProblem(name: string | null, names: NamePatterns): string | undefined {
  if (name === null || name === "") return required("hub");
  return names.hub.test(name) ? undefined : `${invalid("hub", name)}: expected ${RULE}.`;
}

/** Undefined when `name` is a valid `application` (REST rules); otherwise the 400 text. */
export function applicationNameProblem(name: string, names: NamePatterns): string | undefined {
  return names.application.test(name) ? undefined : `${invalid("application", name)}: expected ${RULE}.`;
}

/** Undefined when `name` is a valid `?hub=` for the client endpoints; otherwise the 400 text. */
export function clientHubNameProblem(name: string | null, names: NamePatterns): string | undefined {
  if (name === null || name === "") return required("hub");
  if (isValidClientHubName(name, names)) return undefined;
  return `${invalid("hub", name)}: expected a hub name (${RULE}), or application_hub with each part like that.`;
}

const required = (what: string) => `The '${what}' query parameter is required, e.g. ?${what}=chat.`;

const invalid = (what: string, name: string) => `Invalid ${what} name ${JSON.stringify(name.slice(0, 140))}`;
