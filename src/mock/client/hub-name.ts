// Hub and application names as the spec allows them, and the messages for names it does not.

/** The 2022-06-01 pattern for `{hub}` and `application`; client hubs (`app_hub`) match it too. */
const HUB_NAME = /^[A-Za-z][A-Za-z0-9_`,.[\]]{0,127}$/;

export function isValidHubName(name: string): boolean {
  return HUB_NAME.test(name);
}

/** Undefined when valid; otherwise the 400 text, saying what was expected and what was found. */
export function hubNameProblem(name: string | null, what = "hub"): string | undefined {
  if (name === null || name === "") {
    return `The '${what}' query parameter is required, e.g. ?${what}=chat.`;
  }
  if (isValidHubName(name)) return undefined;
  return `Invalid ${what} name ${JSON.stringify(name.slice(0, 140))}: expected 1-128 characters, a letter first, then letters, digits or _\`,.[]`;
}
