// Operations on one connection: send, close, existence, leave all groups.
import { mockError } from "../errors.js";
import type { HandlerTable, RestCall } from "./types.js";

const connectionNotExisted = ({ params, hub }: RestCall) =>
  mockError("connectionNotExisted", `Connection '${params.connectionId}' does not exist in hub '${hub}'.`, {
    target: "connectionId",
  });

export const connectionHandlers: HandlerTable = {
  // Sending to an unknown connection is accepted: delivery is asynchronous and unconfirmed.
  SignalR_SendToConnection: ({ store, hub, params, message }) => {
    const connection = store.connection(hub, params.connectionId!);
    if (connection) store.deliver([connection], message!.target, message!.arguments);
  },
  SignalR_CloseConnection: (call) => {
    const connection = call.store.connection(call.hub, call.params.connectionId!);
    if (!connection) return connectionNotExisted(call);
    call.store.close([connection], call.reason);
  },
  SignalR_CheckConnectionExistence: (call) => {
    if (!call.store.connection(call.hub, call.params.connectionId!)) return connectionNotExisted(call);
  },
  // Unknown connections have no groups to leave, so this succeeds either way.
  SignalR_RemoveConnectionFromAllGroups: ({ store, hub, params }) => {
    store.removeConnectionFromAllGroups(hub, params.connectionId!);
  },
};
