// The provider-state vocabulary pacts may use ("given ..."), with its Pact V3 parameters, and its validation.
import { suggestClosest } from "../spec/suggest.js";
import type { PactProviderState } from "./pact-file.js";

interface Scope {
  hub: string;
  application?: string;
}

export type ProviderState =
  | ({ name: "connection exists"; connectionId: string; userId?: string } & Scope)
  | ({ name: "connection in group"; group: string; connectionId: string; userId?: string } & Scope)
  | ({ name: "user in group"; group: string; userId: string; ttl?: number } & Scope)
  | ({ name: "user connected"; userId: string; connectionId?: string } & Scope)
  | ({ name: "hub is empty" } & Scope);

export type ProviderStateName = ProviderState["name"];

export interface StateDefinition {
  name: ProviderStateName;
  required: readonly string[];
  optional: readonly string[];
  description: string;
}

/** The documented vocabulary; `application` is accepted by every state (it selects the effective hub). */
export const PROVIDER_STATES: readonly StateDefinition[] = [
  {
    name: "connection exists",
    required: ["hub", "connectionId"],
    optional: ["userId", "application"],
    description: "A client connection with this id (and user) is connected to the hub.",
  },
  {
    name: "connection in group",
    required: ["hub", "group", "connectionId"],
    optional: ["userId", "application"],
    description: "A client connection with this id is connected and a member of the group.",
  },
  {
    name: "user in group",
    required: ["hub", "group", "userId"],
    optional: ["ttl", "application"],
    description: "The user was added to the group (with an optional ttl in seconds); no connection is needed.",
  },
  {
    name: "user connected",
    required: ["hub", "userId"],
    optional: ["connectionId", "application"],
    description: "The user has one client connection (with this id, or one the provider picks).",
  },
  {
    name: "hub is empty",
    required: ["hub"],
    optional: ["application"],
    description: "The hub has no connections, no groups and no user-group pairs.",
  },
];

const BY_NAME = new Map(PROVIDER_STATES.map((d) => [d.name as string, d]));

export type StateParseResult = { ok: true; state: ProviderState } | { ok: false; message: string };

export function parseProviderState(raw: PactProviderState): StateParseResult {
  const definition = BY_NAME.get(raw.name);
  if (!definition) return { ok: false, message: unknownStateMessage(raw.name) };
  const problems: string[] = [];
  const values: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(raw.params)) {
    if (!definition.required.includes(key) && !definition.optional.includes(key)) {
      const hint = suggestClosest(key, [...definition.required, ...definition.optional]);
      problems.push(`unknown parameter "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}`);
      continue;
    }
    const parsed = key === "ttl" ? parseTtl(value) : parseText(value);
    if (parsed === undefined) problems.push(`"${key}" must be ${key === "ttl" ? "an integer" : "a non-empty string"}`);
    else values[key] = parsed;
  }
  for (const key of definition.required) {
    if (!(key in raw.params)) problems.push(`missing parameter "${key}"`);
  }
  if (problems.length > 0) {
    // Pact V2 states are bare names; parameters came with V3.
    const v2 = Object.keys(raw.params).length === 0 ? " State parameters need a Pact V3 (or later) file." : "";
    return {
      ok: false,
      message: `Provider state "${raw.name}": ${problems.join("; ")}. ${signature(definition)}.${v2}`,
    };
  }
  return { ok: true, state: { name: definition.name, ...values } as ProviderState };
}

export function unknownStateMessage(name: string): string {
  const hint = suggestClosest(name, BY_NAME.keys());
  const known = PROVIDER_STATES.map(signature).join("; ");
  return `Unknown provider state "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}. hubkit knows: ${known}.`;
}

/** `"user in group" {hub, group, userId, ttl?, application?}` */
export function signature(definition: StateDefinition): string {
  const params = [...definition.required, ...definition.optional.map((p) => `${p}?`)];
  return `"${definition.name}" {${params.join(", ")}}`;
}

function parseText(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

function parseTtl(value: unknown): number | undefined {
  const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof number === "number" && Number.isInteger(number) ? number : undefined;
}
