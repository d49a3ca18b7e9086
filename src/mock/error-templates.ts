// The mock's HTTP error answers as `{status, code}` templates: one row per `x-ms-error-code`, with its evidence.
// Handlers build answers from a template name (`mockError` in errors.ts); docs/errors.md lists the table.

/**
 * Why the mock answers with this status and code: `known` (the SDK, the spec or the service docs name it),
 * `azure-guidelines` (Azure's REST API guidelines define it), `inferred` (the service's answer is unknown; the choice
 * and its reason are a row of docs/fidelity.md), `hubkit` (an endpoint only the mock has: admin, dashboard, faults).
 */
export type ErrorEvidence = "known" | "azure-guidelines" | "inferred" | "hubkit";

export interface MockErrorTemplate {
  status: number;
  code: string;
  evidence: ErrorEvidence;
}

export const MOCK_ERRORS = {
  invalidRequest: { status: 400, code: "Error.Request.Invalid", evidence: "inferred" },
  missingApiVersion: { status: 400, code: "MissingApiVersionParameter", evidence: "azure-guidelines" },
  unsupportedApiVersion: { status: 400, code: "UnsupportedApiVersionValue", evidence: "azure-guidelines" },
  hostNotAllowed: { status: 400, code: "Error.Request.HostNotAllowed", evidence: "inferred" },
  payloadTooLarge: { status: 413, code: "Error.Request.PayloadTooLarge", evidence: "inferred" },
  unsupportedMediaType: { status: 415, code: "Error.Request.UnsupportedMediaType", evidence: "inferred" },
  headersTooLarge: { status: 431, code: "Error.Request.HeadersTooLarge", evidence: "inferred" },
  routeNotFound: { status: 404, code: "Error.Route.NotFound", evidence: "inferred" },
  methodNotAllowed: { status: 405, code: "Error.Method.NotAllowed", evidence: "inferred" },
  internal: { status: 500, code: "Error.Internal", evidence: "hubkit" },
  connectionNotExisted: { status: 404, code: "Warning.Connection.NotExisted", evidence: "known" },
  connectionNotExistedForGroup: { status: 404, code: "Error.Connection.NotExisted", evidence: "known" },
  connectionNotInGroup: { status: 404, code: "Info.Connection.NotInGroup", evidence: "inferred" },
  groupNotExisted: { status: 404, code: "Warning.Group.NotExisted", evidence: "known" },
  userNotExisted: { status: 404, code: "Warning.User.NotExisted", evidence: "known" },
  userNotInGroup: { status: 404, code: "Info.User.NotInGroup", evidence: "known" },
  invalidContinuationToken: { status: 400, code: "Error.ContinuationToken.Invalid", evidence: "inferred" },
  invalidFilter: { status: 400, code: "Error.Filter.Invalid", evidence: "inferred" },
  invalidCommand: { status: 400, code: "Error.Command.Invalid", evidence: "inferred" },
  invocationFailed: { status: 400, code: "Error.Invocation.Failed", evidence: "inferred" },
  invocationNoResult: { status: 400, code: "Error.Invocation.NoResult", evidence: "inferred" },
  invocationTimeout: { status: 408, code: "Error.Invocation.Timeout", evidence: "inferred" },
  streamNotExisted: { status: 404, code: "Error.Stream.NotExisted", evidence: "inferred" },
  fixtureInvalid: { status: 400, code: "Error.Fixture.Invalid", evidence: "hubkit" },
  faultNotFound: { status: 404, code: "Error.Fault.NotFound", evidence: "hubkit" },
  dashboardSessionRequired: { status: 401, code: "Dashboard.SessionRequired", evidence: "hubkit" },
  dashboardOriginRefused: { status: 403, code: "Dashboard.OriginRefused", evidence: "hubkit" },
  dashboardLoginRequired: { status: 401, code: "Dashboard.LoginRequired", evidence: "hubkit" },
  dashboardLoginFailed: { status: 401, code: "Dashboard.LoginFailed", evidence: "hubkit" },
  dashboardNotLoopback: { status: 403, code: "Dashboard.NotLoopback", evidence: "hubkit" },
  dashboardInvalidInput: { status: 400, code: "Dashboard.InvalidInput", evidence: "hubkit" },
} as const satisfies Record<string, MockErrorTemplate>;

export type MockErrorName = keyof typeof MOCK_ERRORS;

/** Each template's code by name, for bodies that carry an ErrorDetail without an HTTP answer (dashboard actions). */
export const MockErrorCodes = Object.fromEntries(
  Object.entries(MOCK_ERRORS).map(([name, template]) => [name, template.code]),
) as { readonly [K in MockErrorName]: (typeof MOCK_ERRORS)[K]["code"] };
