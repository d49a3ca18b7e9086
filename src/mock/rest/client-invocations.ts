// `:invoke` (2024-12-01): an invocation a connected client answers, and the stream operations the mock cannot model.
import { type MockHttpError, mockError } from "../errors.js";
import { noteInvocation } from "./rest-notes.js";
import type { HandlerTable, RestCall } from "./types.js";

const connectionNotExisted = ({ params, hub }: RestCall, detail = "does not exist") =>
  mockError("connectionNotExisted", `Connection '${params.connectionId}' ${detail} in hub '${hub}'.`, {
    target: "connectionId",
  });

/** The JS client's text when no handler answers (`HubConnection._invokeClientMethod`). */
const NO_RESULT = "Client didn't provide a result.";

export const clientInvocationHandlers: HandlerTable = {
  HubProxyV20241201_InvokeClientConnection: async (call) => {
    const connection = call.store.connection(call.hub, call.params.connectionId!);
    if (!connection) return connectionNotExisted(call);
    const outcome = await call.services.invocations.invoke(connection, call.message!.target, call.message!.arguments);
    noteInvocation(call, connection, call.message!.target, outcome);
    switch (outcome.kind) {
      case "result":
        return {
          kind: "reply",
          body: { result: outcome.result },
          headers: { "x-protocol": outcome.protocol },
        };
      case "gone":
        return connectionNotExisted(call, "closed before it answered");
      case "timeout":
        return mockError(
          "invocationTimeout",
          `Connection '${call.params.connectionId}' did not answer '${call.message!.target}' within ${outcome.afterMs} ms.`,
          { target: "connectionId" },
        );
      case "error":
        return mockError(
          outcome.error === NO_RESULT ? "invocationNoResult" : "invocationFailed",
          outcome.error === NO_RESULT
            ? `Connection '${call.params.connectionId}' has no handler for '${call.message!.target}' that returns a result (${NO_RESULT})`
            : `Connection '${call.params.connectionId}' answered '${call.message!.target}' with an error: ${outcome.error}`,
          { target: "connectionId" },
        );
    }
  },
  HubProxyV20241201_SendToConnectionStream: (call) => streamNotExisted(call),
  HubProxyV20241201_CompleteConnectionStream: (call) => streamNotExisted(call),
};

/**
 * A `streamId` names a stream a client opened (a StreamInvocation that reaches an upstream), which the mock does
 * not hold; so every stream is unknown: 404 after the connection check (docs/fidelity.md).
 */
function streamNotExisted(call: RestCall): MockHttpError {
  if (!call.store.connection(call.hub, call.params.connectionId!)) return connectionNotExisted(call);
  return mockError(
    "streamNotExisted",
    `Connection '${call.params.connectionId}' has no open stream '${call.params.streamId}'. hubkit's mock does not model client streams fed over REST (docs/fidelity.md).`,
    { target: "streamId" },
  );
}
