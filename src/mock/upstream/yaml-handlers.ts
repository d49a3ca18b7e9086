// Hub methods written in YAML (`handlers: { chat: { SendMessage: { broadcast: newMessage } } }`): validation with
// paths for file:line:col, and compilation into the same handlers the programmatic API registers.
import { suggestClosest } from "../../spec/index.js";
import { isObj, showFound } from "../found-value.js";
import type { HandlerRegistry, HubMethodContext, HubMethodHandler } from "./hub-handlers.js";
import { formatSettingsPath, type SettingsPath, type SettingsProblem } from "./validate-settings.js";

/** One action mapping; a method is one mapping or a list of them, run in order. */
export interface HandlerAction {
  broadcast?: string;
  toOthers?: string;
  toCaller?: string;
  toGroup?: string;
  toUser?: string;
  /** The target for `toGroup`/`toUser`. */
  target?: string;
  /** What to send; default: the invocation's arguments. */
  arguments?: unknown[];
  joinGroup?: string;
  leaveGroup?: string;
  result?: unknown;
  error?: string;
}

/** hub -> method -> action(s). */
export type HandlersFixture = Record<string, Record<string, HandlerAction | HandlerAction[]>>;

const ACTION_KEYS = [
  "broadcast",
  "toOthers",
  "toCaller",
  "toGroup",
  "toUser",
  "target",
  "arguments",
  "joinGroup",
  "leaveGroup",
  "result",
  "error",
];
const SENDS = ["broadcast", "toOthers", "toCaller", "toGroup", "toUser"] as const;

/** `hubRule`: the spec's hub name pattern (the SpecIndex the mock serves). */
export function validateHandlers(value: unknown, at: SettingsPath, problems: SettingsProblem[], hubRule: RegExp): void {
  const fail = (path: SettingsPath, message: string, where: "key" | "value" = "value", hint?: string) => {
    problems.push({ path, at: where, message: `${formatSettingsPath(path)}: ${message}`, ...(hint ? { hint } : {}) });
  };
  if (!isObj(value)) {
    fail(at, `expected a mapping of hub names to methods, found ${showFound(value)}`);
    return;
  }
  for (const [hub, methods] of Object.entries(value)) {
    const hubAt = [...at, hub];
    if (!hubRule.test(hub))
      fail(
        hubAt,
        `invalid hub name ${showFound(hub)}`,
        "key",
        "Use the hub name the client connects to (`app_hub` with an application).",
      );
    if (!isObj(methods)) {
      fail(hubAt, `expected a mapping of method names to actions, found ${showFound(methods)}`);
      continue;
    }
    for (const [method, spec] of Object.entries(methods)) {
      const list = Array.isArray(spec) ? spec : [spec];
      list.forEach((action, i) => {
        validateAction(action, Array.isArray(spec) ? [...hubAt, method, i] : [...hubAt, method], fail);
      });
    }
  }
}

type Fail = (path: SettingsPath, message: string, where?: "key" | "value", hint?: string) => void;

function validateAction(action: unknown, at: SettingsPath, fail: Fail): void {
  if (!isObj(action)) {
    fail(at, `expected an action such as { broadcast: newMessage } or { result: "{0}" }, found ${showFound(action)}`);
    return;
  }
  for (const key of Object.keys(action)) {
    if (ACTION_KEYS.includes(key)) continue;
    const guess = suggestClosest(key, ACTION_KEYS);
    fail(
      [...at, key],
      `unknown key ${showFound(key)}`,
      "key",
      guess ? `Did you mean \`${guess}\`?` : `Allowed keys: ${ACTION_KEYS.join(", ")}.`,
    );
  }
  const sends = SENDS.filter((k) => action[k] !== undefined);
  if (sends.length > 1)
    fail(
      [...at, sends[1]!],
      `one action sends once; found ${sends.join(" and ")}`,
      "key",
      "Write a list of actions, one send each.",
    );
  for (const key of [...SENDS, "target", "joinGroup", "leaveGroup", "error"]) {
    const v = action[key];
    if (v !== undefined && (typeof v !== "string" || v === ""))
      fail([...at, key], `expected a non-empty string, found ${showFound(v)}`);
  }
  const needsTarget = action.toGroup !== undefined || action.toUser !== undefined;
  if (needsTarget && action.target === undefined)
    fail(at, "`toGroup`/`toUser` need `target:` (the method the clients receive)");
  if (!needsTarget && action.target !== undefined)
    fail(
      [...at, "target"],
      "`target` only goes with `toGroup` or `toUser`",
      "key",
      "With broadcast/toCaller/toOthers the value is the target.",
    );
  if (action.arguments !== undefined && !Array.isArray(action.arguments))
    fail([...at, "arguments"], `expected a list, found ${showFound(action.arguments)}`);
  if (action.arguments !== undefined && sends.length === 0)
    fail([...at, "arguments"], "`arguments` goes with a send (broadcast, toCaller, toOthers, toGroup, toUser)", "key");
  if (action.result !== undefined && action.error !== undefined)
    fail([...at, "error"], "an invocation answers with a result or an error, not both", "key");
}

/** Registers every YAML method; later registrations (programmatic `on`) replace them. */
export function registerYamlHandlers(registry: HandlerRegistry, handlers: HandlersFixture): void {
  for (const [hub, methods] of Object.entries(handlers)) {
    for (const [method, spec] of Object.entries(methods)) {
      registry.hub(hub).on(method, compileActions(Array.isArray(spec) ? spec : [spec]));
    }
  }
}

function compileActions(actions: readonly HandlerAction[]): HubMethodHandler {
  return (ctx, ...args) => {
    let answer: { result?: unknown; error?: string } = {};
    for (const action of actions) {
      const fill = (value: unknown) => substitute(value, ctx, args);
      if (action.joinGroup !== undefined) ctx.addToGroup(String(fill(action.joinGroup)));
      if (action.leaveGroup !== undefined) ctx.removeFromGroup(String(fill(action.leaveGroup)));
      const sent = action.arguments === undefined ? args : (fill(action.arguments) as unknown[]);
      if (action.broadcast !== undefined) ctx.broadcast(String(fill(action.broadcast)), ...sent);
      if (action.toOthers !== undefined) ctx.sendToOthers(String(fill(action.toOthers)), ...sent);
      if (action.toCaller !== undefined) ctx.sendToCaller(String(fill(action.toCaller)), ...sent);
      const target = String(fill(action.target ?? ""));
      if (action.toGroup !== undefined) ctx.sendToGroup(String(fill(action.toGroup)), target, ...sent);
      if (action.toUser !== undefined) ctx.sendToUser(String(fill(action.toUser)), target, ...sent);
      if (action.result !== undefined) answer = { result: fill(action.result) };
      if (action.error !== undefined) answer = { error: String(fill(action.error)) };
    }
    if (answer.error !== undefined) throw new Error(answer.error);
    return answer.result;
  };
}

const WHOLE = /^\{(\d+|args|connectionId|userId|hub|event)\}$/;
const INNER = /\{(\d+|args|connectionId|userId|hub|event)\}/g;

/**
 * `"{0}"` alone is the first argument as it is (any JSON value); `{args}` all of them; `{connectionId}`, `{userId}`,
 * `{hub}`, `{event}` the caller's. Inside longer text each is written out as text.
 */
function substitute(value: unknown, ctx: HubMethodContext, args: readonly unknown[]): unknown {
  if (typeof value === "string") {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(whole[1]!, ctx, args);
    return value.replace(INNER, (_, name: string) => {
      const found = lookup(name, ctx, args);
      return typeof found === "string" ? found : found === undefined ? "" : JSON.stringify(found);
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, ctx, args));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ctx, args)]));
  return value;
}

function lookup(name: string, ctx: HubMethodContext, args: readonly unknown[]): unknown {
  if (/^\d+$/.test(name)) return args[Number(name)] ?? null;
  if (name === "args") return [...args];
  if (name === "connectionId") return ctx.connectionId;
  if (name === "userId") return ctx.userId ?? null;
  if (name === "hub") return ctx.hub;
  return ctx.event;
}
