// Reads Prism's `sl-violations` header and Prism's own error answers into plain data.

export interface Violation {
  /** `request` or `response`, from the violation's location. */
  side: "request" | "response";
  /** e.g. `request.path.hub`, `response.body`. */
  location: string;
  severity: string;
  code?: string;
  message: string;
}

/** A malformed header is itself reported, so nothing Prism says is silently lost. */
export function parseViolations(header: string | undefined): Violation[] {
  if (!header) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(header);
  } catch {
    return [{ side: "response", location: "sl-violations", severity: "Error", message: `unreadable: ${header}` }];
  }
  if (!Array.isArray(raw)) return [];
  return raw.map((item: Record<string, unknown>) => {
    const location = Array.isArray(item.location) ? item.location.map(String) : ["response"];
    const violation: Violation = {
      side: location[0] === "request" ? "request" : "response",
      location: location.join("."),
      severity: String(item.severity ?? "Error"),
      message: String(item.message ?? ""),
    };
    if (item.code !== undefined) violation.code = String(item.code);
    return violation;
  });
}

/** Errors count; Prism's warnings (e.g. "Selected route not found" for hubkit's GET aliases) are informational. */
export function isError(violation: Violation): boolean {
  return violation.severity === "Error";
}

/**
 * Prism answers 500 problem+json when it cannot forward or read an exchange (upstream down, a JSON content type on an
 * empty body). Returns its title then, so the exchange is reported as errored rather than as the upstream's answer.
 */
export function prismFailure(status: number, contentType: string | undefined, body: string): string | undefined {
  if (status !== 500 || !contentType?.includes("application/problem+json")) return undefined;
  try {
    const problem = JSON.parse(body) as { type?: string; title?: string; detail?: string };
    const type = problem.type ?? "";
    if (type === "FetchError" || type.startsWith("https://stoplight.io/prism/errors")) {
      return problem.title || problem.detail || type;
    }
  } catch {
    // Not Prism's own problem document: it is the upstream's answer.
  }
  return undefined;
}
