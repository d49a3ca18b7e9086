// Public surface of the auth module: connection strings, signing, verification and redaction.

export { isLoopbackHostName } from "./audience.js";
export type { AuthFailure, AuthFailureReason, AuthResult } from "./auth-result.js";
export { authFailures } from "./auth-result.js";
export type { BadTokenKind } from "./bad-token.js";
export { badTokenKinds, badTokenReasons, signBadToken, WRONG_AUDIENCE_PATH } from "./bad-token.js";
export type { ConnectionInfo } from "./connection-string.js";
export { formatConnectionString, parseConnectionString } from "./connection-string.js";
export { MAX_TOKEN_LENGTH } from "./jwt-hs256.js";
export {
  isSecretName,
  redactAuthSchemes,
  redactConnectionString,
  redactCredentials,
  redactHeaders,
  redactSecrets,
  redactTokens,
} from "./redact.js";
export type { HmacAlgorithm, SignAccessTokenOptions, SignClaimsOptions } from "./sign.js";
export { clientAudience, requestUrlAudience, restAudience, signAccessToken, signClaims } from "./sign.js";
export { USER_ID_CLAIMS, userIdFromClaims } from "./user-id.js";
export type { ClientRequestTarget, RestRequestTarget, TokenVerifier, TokenVerifierOptions } from "./verify.js";
export { createTokenVerifier, readBearerToken } from "./verify.js";
