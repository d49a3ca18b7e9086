// The api-version rule of the Azure REST API guidelines: required, and one of the versions the mock serves.
import { MockErrorCodes, MockHttpError } from "../errors.js";
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
      return new MockHttpError(400, {
        code: MockErrorCodes.missingApiVersion,
        message: "The api-version query parameter (?api-version=) is required for all requests.",
        target: "api-version",
      });
    }
    if (this.supported.has(version)) return undefined;
    return new MockHttpError(400, {
      code: MockErrorCodes.unsupportedApiVersion,
      message: `Unsupported api-version '${version}'. The supported api-versions are '${this.listed}'.`,
      target: "api-version",
    });
  }
}
