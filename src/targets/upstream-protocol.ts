// The service's side of the upstream protocol (signed X-ASRS-* requests, framed Completions), shared with the mock,
// for the runner's `upstreamCall` step, which plays the service towards an app server.
export { readCompletion, sendHttpUpstream } from "../mock/upstream/index.js";
export { buildUpstreamRequest, connectedBody, disconnectedBody } from "../mock/upstream/upstream-request.js";
