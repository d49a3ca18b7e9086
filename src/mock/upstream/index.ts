// Public surface of the upstream: settings, the dispatcher (HTTP upstream + in-process hub handlers) and the recorder.
import type { MockEvents } from "../events.js";
import type { Store } from "../store.js";
import { UpstreamDispatcher } from "./dispatcher.js";
import { loadUpstreamSettingsFile } from "./load-settings.js";
import type { UpstreamTemplate } from "./templates.js";
import { validateTemplateList } from "./validate-settings.js";
import { watchUpstreamSettings } from "./watch-settings.js";
import { type HandlersFixture, registerYamlHandlers } from "./yaml-handlers.js";

export { applyUpstreamFixture } from "./apply-fixture.js";
export { type CompletionOutcome, encodeCompletion, readCompletion } from "./completion.js";
export { UpstreamDispatcher, type UpstreamSessionPort } from "./dispatcher.js";
export { DEFAULT_UPSTREAM_TIMEOUT_MS, sendHttpUpstream, type UpstreamAnswer } from "./http-upstream.js";
export { HandlerRegistry, HubHandlers, type HubMethodContext, type HubMethodHandler } from "./hub-handlers.js";
export { type ClientInvocation, decodeInvocation, type ProtocolName } from "./invocation.js";
export { loadUpstreamSettingsFile, parseUpstreamSettings, UPSTREAM_SETTINGS_INVALID } from "./load-settings.js";
export type { UpstreamRecord } from "./recorder.js";
export { SessionUpstream } from "./session-upstream.js";
export { FUNCTIONS_DEFAULT_URL, templateFor, type UpstreamTemplate, urlTemplateProblem } from "./templates.js";
export {
  buildUpstreamRequest,
  claimsHeader,
  signatureVerifies,
  type UpstreamRequest,
  upstreamSignature,
} from "./upstream-request.js";
export { validateSettingsFile, validateTemplateList } from "./validate-settings.js";
export { type HandlerAction, type HandlersFixture, registerYamlHandlers, validateHandlers } from "./yaml-handlers.js";

/** How the mock talks back to clients: URL templates (or the emulator's settings.json) and in-process handlers. */
export interface UpstreamOptions {
  /** URL templates, in order (first match wins). */
  templates?: readonly UpstreamTemplate[];
  /** The emulator's settings.json; read at start (errors throw) and reloaded when it changes. Templates come first. */
  settingsFile?: string;
  /** Hub methods in the YAML form of the state file's `handlers:`. */
  handlers?: HandlersFixture;
  /** Per upstream call; default 100 s (the service's). */
  timeoutMs?: number;
  /** Largest upstream answer read; default 16 MiB. */
  maxResponseBytes?: number;
  /** Upstream calls kept for GET /_hubkit/upstream; default 1000. */
  maxRecords?: number;
  /** Where settings reload messages go (a bad edit's errors); default the mock's log. */
  report?: (text: string) => void;
}

export interface UpstreamSetup {
  store: Store;
  accessKeys: readonly string[];
  events: MockEvents;
  log: (line: string) => void;
  clock: { now(): number };
  /** From a state file's `upstream:` and `handlers:`. */
  fixture?: { upstream?: readonly unknown[]; handlers?: HandlersFixture };
}

/** The dispatcher for these options, and the function that stops watching the settings file. */
export function createUpstream(
  options: UpstreamOptions = {},
  setup: UpstreamSetup,
): { dispatcher: UpstreamDispatcher; stop: () => void } {
  const fromOptions = options.templates;
  // The state file was validated when it was read: this only normalises URL strings into templates.
  const fromFixture = setup.fixture?.upstream
    ? validateTemplateList(setup.fixture.upstream, ["upstream"], [])
    : undefined;
  const fromFile = options.settingsFile === undefined ? undefined : loadUpstreamSettingsFile(options.settingsFile);
  const combine = (file: readonly UpstreamTemplate[] | undefined) =>
    fromOptions === undefined && fromFixture === undefined && file === undefined
      ? undefined
      : [...(fromOptions ?? []), ...(fromFixture ?? []), ...(file ?? [])];
  const dispatcher = new UpstreamDispatcher({
    store: setup.store,
    accessKeys: setup.accessKeys,
    templates: combine(fromFile),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
    ...(options.maxRecords === undefined ? {} : { maxRecords: options.maxRecords }),
    log: setup.log,
    events: setup.events,
    clock: setup.clock,
  });
  if (setup.fixture?.handlers) registerYamlHandlers(dispatcher.handlers, setup.fixture.handlers);
  if (options.handlers) registerYamlHandlers(dispatcher.handlers, options.handlers);
  const stop =
    options.settingsFile === undefined
      ? () => {}
      : watchUpstreamSettings({
          path: options.settingsFile,
          onReload: (templates) => dispatcher.setTemplates(combine(templates)),
          log: options.report ?? setup.log,
        });
  return { dispatcher, stop };
}
