// A state fixture's `handlers:` and `upstream:` applied to a running dispatcher (admin API, the runner's seed step).
import type { UpstreamDispatcher } from "./dispatcher.js";
import { validateTemplateList } from "./validate-settings.js";
import { type HandlersFixture, registerYamlHandlers } from "./yaml-handlers.js";

/** Handlers replace same-named ones; templates are appended after the ones in force (first match still wins). */
export function applyUpstreamFixture(
  dispatcher: UpstreamDispatcher,
  fixture: { handlers?: HandlersFixture; upstream?: readonly unknown[] },
): void {
  if (fixture.handlers) registerYamlHandlers(dispatcher.handlers, fixture.handlers);
  if (fixture.upstream) {
    // The fixture was validated when it was parsed: this only normalises URL strings into templates.
    const templates = validateTemplateList(fixture.upstream, ["upstream"], []);
    dispatcher.setTemplates([...(dispatcher.getTemplates() ?? []), ...templates]);
  }
}
