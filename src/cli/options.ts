// Option parsers and names shared by every command, so the same flag means and checks the same thing everywhere.
import { InvalidArgumentError } from "commander";
import { KNOWN_API_VERSIONS } from "../spec/api-versions.js";

/** The environment variable `run`, `verify` and `token` read a live resource's connection string from. */
export const CONNECTION_STRING_ENV = "HUBKIT_CONNECTION_STRING";

/** For repeatable flags (`--tag a --tag b`, `--reporter json,md`): collects the values, refusing empty ones. */
export function collect(value: string, previous: string[] | undefined): string[] {
  if (value === "") throw new InvalidArgumentError("the value must not be empty.");
  return [...(previous ?? []), value];
}

export function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new InvalidArgumentError(`expected a port from 0 to 65535, found '${value}'.`);
  }
  return port;
}

export function parseTarget(value: string): "mock" | "live" {
  if (value === "mock" || value === "live") return value;
  throw new InvalidArgumentError(`expected mock or live, found '${value}'.`);
}

/** `--api-version` of the commands that check against one shipped document: only a version hubkit has a spec for. */
export function parseApiVersion(value: string): string {
  if (KNOWN_API_VERSIONS.includes(value)) return value;
  throw new InvalidArgumentError(
    `expected an API version hubkit ships a spec for (${KNOWN_API_VERSIONS.join(", ")}), found '${value}'.`,
  );
}
