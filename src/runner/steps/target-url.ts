// An absolute URL taken from a response (a `nextLink`), reduced to the path and query to send on the target's own
// origin: shared by the `request` and `call` steps, so both refuse any other origin the same way.
import { StepRunError } from "../step-error.js";

/**
 * The path and query of an absolute URL on the target's origin, exactly as written. Any other origin is refused:
 * the runner never sends a token signed with the target's key anywhere else.
 */
export function onTargetOrigin(url: string, endpoint: string): { pathAndQuery: string } {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new StepRunError("Bad request URL", `"${url}" is not a URL`, "Capture an absolute URL, e.g. body.nextLink.");
  }
  const targetOrigin = new URL(endpoint).origin;
  if (origin !== targetOrigin) {
    throw new StepRunError(
      "URL outside the target",
      `${url} is not on the target's origin ${targetOrigin}; hubkit sends its signed tokens only to the target`,
      "A nextLink should point back at the service that answered; check the service's nextLink (or its Host handling).",
    );
  }
  const rest = url.replace(/^https?:\/\/[^/?#]*/i, "");
  return { pathAndQuery: rest.startsWith("/") ? rest : `/${rest}` };
}
