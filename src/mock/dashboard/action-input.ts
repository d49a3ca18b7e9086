// Reading the dashboard's form fields: each bad value becomes an error naming its field, shown next to it.

export type Input = Record<string, unknown>;

/** A form value that is missing or of the wrong type: the page shows it next to the field named by `target`. */
export class InputError extends Error {
  constructor(
    readonly target: string,
    message: string,
  ) {
    super(message);
  }
}

export function text(input: Input, name: string, options: { required?: boolean } = {}): string | undefined {
  const value = input[name];
  if (value === undefined || value === null || value === "") {
    if (options.required) throw new InputError(name, `${name} is required.`);
    return undefined;
  }
  if (typeof value !== "string") throw new InputError(name, `${name} must be a string, found ${typeof value}.`);
  return value;
}

export function oneOf<T extends string>(input: Input, name: string, allowed: readonly T[]): T {
  const value = text(input, name, { required: true }) as T;
  if (!allowed.includes(value))
    throw new InputError(name, `${name} must be one of ${allowed.join(", ")}; found '${value}'.`);
  return value;
}

/** `[..]` from the form's JSON text; an empty box means no arguments. */
export function parseArguments(input: Input): unknown[] {
  const raw = text(input, "arguments") ?? "[]";
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new InputError(
      "arguments",
      `Arguments are not valid JSON: ${(error as Error).message}. Example: ["hello", 42]`,
    );
  }
  if (!Array.isArray(value)) {
    throw new InputError(
      "arguments",
      `Arguments must be a JSON array (one element per argument), found ${value === null ? "null" : typeof value}. Example: ["hello", 42]`,
    );
  }
  return value;
}
