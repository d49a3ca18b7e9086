// `capture: { name: source }`: values from a response kept for later steps (`status`, `header.x`, `body`, `body.a.0.b`).

import type { SourcePosition } from "../errors.js";
import type { CheckResult } from "../results/result.js";
import type { HttpResponseView } from "./checks/index.js";

export const CAPTURE_SOURCE = /^(?:status|body(?:\.[^.]+)*|headers?\.[A-Za-z0-9!#$%&'*+.^_`|~-]+)$/;

export const CAPTURE_SCHEMA = {
  type: "object",
  description: `Values to keep for later steps as \${name}: status, header.<name>, body or body.<dotted.path>.`,
  propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_-]*$" },
  additionalProperties: {
    type: "string",
    pattern: CAPTURE_SOURCE.source,
    "x-expected": "status, header.<name>, body or body.<dotted.path>",
  },
};

/** Stores each capture in `set`; a source that is not in the response is a failed check (later steps need it). */
export function captureValues(options: {
  capture: Record<string, string>;
  response: HttpResponseView;
  set: (name: string, value: unknown) => void;
  at: (name: string) => SourcePosition;
}): CheckResult[] {
  const failures: CheckResult[] = [];
  for (const [name, source] of Object.entries(options.capture)) {
    const value = readSource(source, options.response);
    if (value === undefined) {
      failures.push({
        kind: "capture",
        outcome: "failed",
        title: `capture ${name} from ${source}`,
        expected: `a value at ${source}`,
        actual: "(missing)",
        position: options.at(name),
      });
    } else {
      options.set(name, value);
    }
  }
  return failures;
}

function readSource(source: string, response: HttpResponseView): unknown {
  if (source === "status") return response.status;
  if (source.startsWith("header")) return response.headers[source.slice(source.indexOf(".") + 1).toLowerCase()];
  const json = response.json();
  if (source === "body") return json.ok ? json.value : response.body;
  if (!json.ok) return undefined;
  let node: unknown = json.value;
  for (const key of source.slice("body.".length).split(".")) {
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (typeof node === "object" && node !== null && Object.hasOwn(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else return undefined;
  }
  return node;
}
