// The load-time half of a step kind: its schema, its semantic checks and the names it defines for later steps.
import type { HubkitError, UsageErrorCode } from "../errors.js";
import type { Operation, SpecIndex } from "../spec/index.js";
import type { JsonSchema } from "./types.js";
import type { DocPath } from "./yaml-source.js";

export interface ProblemOptions {
  hint?: string;
  /** Point at the key rather than its value. */
  key?: boolean;
  code?: UsageErrorCode;
}

/** What a step's `validate` may read and how it reports problems (positions are relative to the step). */
export interface StepValidationContext {
  spec: SpecIndex;
  /** Client names opened by `connect` steps before this one in the same test. */
  clients: ReadonlySet<string>;
  /** Directory of the suite file, for steps that read files. */
  baseDir: string;
  report(path: DocPath, message: string, options?: ProblemOptions): void;
  /** For problems that already carry their own position (e.g. inside a fixture file the step reads). */
  reportError(error: HubkitError): void;
}

export interface StepDefinition {
  /** The key that names the kind in a step, e.g. `call` in `- call: SignalR_Broadcast`. */
  readonly name: string;
  /** One line for the docs and the schema. */
  readonly description: string;
  /** JSON Schema of the whole step mapping, the kind key included. */
  readonly schema: JsonSchema;
  /** The title shown in reports when the step has no `name`. */
  title(raw: Readonly<Record<string, unknown>>): string;
  /** Checks the schema cannot express: operationIds, parameter names, regexes, client names. */
  validate?(raw: Readonly<Record<string, unknown>>, ctx: StepValidationContext): void;
  /**
   * The spec operation the step addresses, when it is known at load time (`call`, a `request` line without
   * templates): resolved once and carried on the loaded step, so the runner never looks it up by name again.
   */
  operation?(raw: Readonly<Record<string, unknown>>, spec: SpecIndex): Operation | undefined;
  /** Load-time preparation (e.g. reading a fixture file); returns the step to compile. */
  prepare?(raw: Readonly<Record<string, unknown>>, ctx: StepValidationContext): Record<string, unknown>;
  /** Names available to later steps: captures (`id`) and client properties (`alice.connectionId`). */
  defines?(raw: Readonly<Record<string, unknown>>): { names?: readonly string[]; clients?: readonly string[] };
}

/** The JSON Schema keys every step accepts besides its kind's own. */
export const COMMON_STEP_PROPERTIES: JsonSchema = {
  name: { type: "string", description: "A title for the step in reports." },
};
