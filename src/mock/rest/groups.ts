// Operations on groups: send, close, existence, add and remove one connection.
import { mockError } from "../errors.js";
import type { HandlerTable } from "./types.js";

export const groupHandlers: HandlerTable = {
  SignalR_GroupBroadcast: ({ store, hub, params, excluded, message }) => {
    store.deliver(store.groupConnections(hub, params.group!, { excluded }), message!.target, message!.arguments);
  },
  SignalR_CloseGroupConnections: ({ store, hub, params, excluded, reason }) => {
    store.close(store.groupConnections(hub, params.group!, { excluded }), reason);
  },
  SignalR_CheckGroupExistence: ({ store, hub, params }) => {
    if (!store.hasGroup(hub, params.group!)) {
      return mockError("groupNotExisted", `Group '${params.group}' has no connection in hub '${hub}'.`, {
        target: "group",
      });
    }
  },
  SignalR_AddConnectionToGroup: ({ store, hub, params }) => {
    if (!store.addConnectionToGroup(hub, params.group!, params.connectionId!)) {
      return mockError(
        "connectionNotExistedForGroup",
        `Connection '${params.connectionId}' does not exist in hub '${hub}'.`,
        { target: "connectionId" },
      );
    }
  },
  // Unknown connections are not in the group either: one code for both (docs/fidelity.md).
  SignalR_RemoveConnectionFromGroup: ({ store, hub, params }) => {
    if (!store.removeConnectionFromGroup(hub, params.group!, params.connectionId!)) {
      return mockError(
        "connectionNotInGroup",
        `Connection '${params.connectionId}' is not in group '${params.group}' of hub '${hub}'.`,
        { target: "connectionId" },
      );
    }
  },
};
