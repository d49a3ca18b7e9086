// The api-version rule of the Azure REST API guidelines: required, and one of the versions the mock serves.
import { type MockHttpError, mockError } from "../errors.js";
import { firstValue, type QueryValues } from "./query.js";

export class ApiVersionRule {
  private readonly supported: ReadonlySet<string>;
  private readonly listed: string;

  constructor(versions: readonly string[]) {
    if (versions.length === 0) throw new Error("the mock needs at least one supported api-version");
    this.supported = new Set(versions);
    this.listed = versions.join(", ");
  }

  check(query: QueryValues): MockHttpError | undefined {
    const version = firstValue(query, "api-version");
    if (version === undefined) {
      return mockError(
        "missingApiVersion",
        "The api-version query parameter (?api-version=) is required for all requests.",
        { target: "api-version" },
      );
    }
    if (this.supported.has(version)) return undefined;
    return mockError(
      "unsupportedApiVersion",
      `Unsupported api-version '${version}'. The supported api-versions are '${this.listed}'.`,
      { target: "api-version" },
    );
  }
}
