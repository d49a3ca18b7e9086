// Operations on every connection of a hub: broadcast and close all.
import type { HandlerTable } from "./types.js";

export const hubHandlers: HandlerTable = {
  SignalR_Broadcast: ({ store, hub, excluded, message }) => {
    store.deliver(store.hubConnections(hub, { excluded }), message!.target, message!.arguments);
  },
  SignalR_CloseConnections: ({ store, hub, excluded, reason }) => {
    store.close(store.hubConnections(hub, { excluded }), reason);
  },
};
