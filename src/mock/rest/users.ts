// Operations on users: send, close, existence, and user-group membership (with ttl).
import { mockError } from "../errors.js";
import type { HandlerTable } from "./types.js";

export const userHandlers: HandlerTable = {
  SignalR_SendToUser: ({ store, hub, params, message }) => {
    store.deliver(store.userConnections(hub, params.user!), message!.target, message!.arguments);
  },
  SignalR_CloseUserConnections: ({ store, hub, params, excluded, reason }) => {
    store.close(store.userConnections(hub, params.user!, { excluded }), reason);
  },
  SignalR_CheckUserExistence: ({ store, hub, params }) => {
    if (!store.hasUser(hub, params.user!)) {
      return mockError("userNotExisted", `User '${params.user}' has no connection in hub '${hub}'.`, {
        target: "user",
      });
    }
  },
  SignalR_CheckUserExistenceInGroup: ({ store, hub, params }) => {
    if (!store.isUserInGroup(hub, params.user!, params.group!)) {
      return mockError("userNotInGroup", `User '${params.user}' is not in group '${params.group}' of hub '${hub}'.`, {
        target: "user",
      });
    }
  },
  SignalR_AddUserToGroup: ({ store, hub, params, ttl }) => {
    store.addUserToGroup(hub, params.user!, params.group!, ttl);
  },
  SignalR_RemoveUserFromGroup: ({ store, hub, params }) => {
    store.removeUserFromGroup(hub, params.user!, params.group!);
  },
  SignalR_RemoveUserFromAllGroups: ({ store, hub, params }) => {
    store.removeUserFromAllGroups(hub, params.user!);
  },
};
