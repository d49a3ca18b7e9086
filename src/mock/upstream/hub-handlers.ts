// In-process hub methods (`mock.hub("chat").on("SendMessage", (ctx, ...args) => ...)`) and what they can do: answer,
// and act through the Store (broadcast, send to the caller, a user or a group, manage the caller's groups).
import type { Store } from "../store.js";

/** What a handler knows about the call, and the Store actions it can take (all scoped to the caller's hub). */
export interface HubMethodContext {
  connectionId: string;
  userId: string | undefined;
  /** The client token's claims. */
  claims: Readonly<Record<string, unknown>>;
  /** The effective hub name (lower case). */
  hub: string;
  /** The invoked method (the upstream event). */
  event: string;
  /** Every connection of the hub. */
  broadcast(target: string, ...args: unknown[]): number;
  /** Every connection of the hub except the caller. */
  sendToOthers(target: string, ...args: unknown[]): number;
  sendToCaller(target: string, ...args: unknown[]): number;
  sendToConnection(connectionId: string, target: string, ...args: unknown[]): number;
  sendToUser(userId: string, target: string, ...args: unknown[]): number;
  sendToGroup(group: string, target: string, ...args: unknown[]): number;
  /** Adds the caller (or `connectionId`) to a group. */
  addToGroup(group: string, connectionId?: string): boolean;
  removeFromGroup(group: string, connectionId?: string): boolean;
  store: Store;
}

/** Returns the result (a Promise is awaited); throwing gives the client a Completion with the error's message. */
export type HubMethodHandler = (ctx: HubMethodContext, ...args: unknown[]) => unknown;

/** The handlers of one hub. */
export class HubHandlers {
  /** Lower-case method name -> handler: the Functions dispatcher matches events case-insensitively. */
  readonly methods = new Map<string, HubMethodHandler>();

  on(method: string, handler: HubMethodHandler): this {
    this.methods.set(method.toLowerCase(), handler);
    return this;
  }

  off(method: string): this {
    this.methods.delete(method.toLowerCase());
    return this;
  }
}

export class HandlerRegistry {
  private readonly hubs = new Map<string, HubHandlers>();

  /** The handlers of a hub, created on first use (hub names are case-insensitive; `app_hub` with an application). */
  hub(name: string): HubHandlers {
    const key = name.toLowerCase();
    let hub = this.hubs.get(key);
    if (!hub) {
      hub = new HubHandlers();
      this.hubs.set(key, hub);
    }
    return hub;
  }

  /**
   * A hub with in-process handlers receives its own `connected`/`disconnected` events: a handler of that name runs,
   * otherwise they are accepted as they are. Undefined when the hub has no handlers (the URL templates decide).
   */
  lifecycle(hub: string, event: string): HubMethodHandler | undefined {
    const handlers = this.hubs.get(hub.toLowerCase());
    if (!handlers || handlers.methods.size === 0) return undefined;
    return handlers.methods.get(event.toLowerCase()) ?? (() => undefined);
  }

  find(hub: string, method: string): HubMethodHandler | undefined {
    return this.hubs.get(hub.toLowerCase())?.methods.get(method.toLowerCase());
  }

  /** True when any hub has any handler: client invocations are then routed instead of refused. */
  get size(): number {
    let n = 0;
    for (const hub of this.hubs.values()) n += hub.methods.size;
    return n;
  }

  clear(): void {
    this.hubs.clear();
  }
}

export interface Caller {
  connectionId: string;
  userId: string | undefined;
  claims: Readonly<Record<string, unknown>>;
  hub: string;
  event: string;
}

export function handlerContext(store: Store, caller: Caller): HubMethodContext {
  const { hub, connectionId } = caller;
  const deliver = (recipients: ReturnType<Store["hubConnections"]>, target: string, args: unknown[]) =>
    store.deliver(recipients, target, args);
  return {
    ...caller,
    broadcast: (target, ...args) => deliver(store.hubConnections(hub), target, args),
    sendToOthers: (target, ...args) => deliver(store.hubConnections(hub, { excluded: [connectionId] }), target, args),
    sendToCaller: (target, ...args) => deliver(single(store, hub, connectionId), target, args),
    sendToConnection: (id, target, ...args) => deliver(single(store, hub, id), target, args),
    sendToUser: (user, target, ...args) => deliver(store.userConnections(hub, user), target, args),
    sendToGroup: (group, target, ...args) => deliver(store.groupConnections(hub, group), target, args),
    addToGroup: (group, id = connectionId) => store.addConnectionToGroup(hub, group, id),
    removeFromGroup: (group, id = connectionId) => store.removeConnectionFromGroup(hub, group, id),
    store,
  };
}

function single(store: Store, hub: string, id: string) {
  const connection = store.connection(hub, id);
  return connection ? [connection] : [];
}
