// The service's naming rule for hubs: the name clients connect with and the key the service stores a hub under.

/** Lower-cased `application_hub`, or the lower-cased hub (REST `hub=Chat&application=MyApp` is `myapp_chat`). */
export function effectiveHubName(hub: string, application?: string): string {
  return application ? `${application.toLowerCase()}_${hub.toLowerCase()}` : hub.toLowerCase();
}
