// The Check seam: one matcher under `expect:` = one file with its schema, load-time validation and `run`.
import type { SourcePosition } from "../../errors.js";
import type { CheckResult } from "../../results/result.js";
import type { DocPath, JsonSchema } from "../../suite/index.js";

export type JsonParse = { ok: true; value: unknown } | { ok: false };

/** A response as checks see it; `json()` parses once and remembers. */
export interface HttpResponseView {
  status: number;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  body: string;
  json(): JsonParse;
}

export interface CheckInput<E> {
  expected: E;
  response: HttpResponseView;
  /** Position of `expect.<name>` (or of something inside it). */
  at(path?: DocPath): SourcePosition;
}

export interface Check<E = unknown> {
  /** The key under `expect`, e.g. `status`. */
  readonly name: string;
  readonly description: string;
  readonly schema: JsonSchema;
  /** Load-time checks the schema cannot express (regexes, JSON pointers); paths are relative to `expect.<name>`. */
  validate?(expected: E, report: (path: DocPath, message: string, hint?: string) => void): void;
  run(input: CheckInput<E>): CheckResult[];
}

export function defineCheck<E>(check: Check<E>): Check {
  return check as unknown as Check;
}

export function createResponseView(response: { status: number; headers: Record<string, string>; body: string }) {
  let parsed: JsonParse | undefined;
  const view: HttpResponseView = {
    status: response.status,
    headers: response.headers,
    body: response.body,
    json: () => {
      if (parsed) return parsed;
      try {
        parsed = response.body === "" ? { ok: false } : { ok: true, value: JSON.parse(response.body) };
      } catch {
        parsed = { ok: false };
      }
      return parsed;
    },
  };
  return view;
}

/** A body for messages: the parsed JSON when there is some, else the text (cut to keep reports readable). */
export function bodyForReport(response: HttpResponseView): unknown {
  const json = response.json();
  if (json.ok) return json.value;
  return response.body.length > 500 ? `${response.body.slice(0, 500)}…` : response.body;
}
