// GET /_hubkit/upstream: the recorded upstream calls (newest last) and the templates in force.
import type { ServerResponse } from "node:http";
import { sendJson } from "../errors.js";
import { firstValue, parseQuery } from "../rest/query.js";
import type { UpstreamDispatcher } from "../upstream/index.js";

export function answerUpstream(
  res: ServerResponse,
  rawQuery: string,
  dispatcher: UpstreamDispatcher | undefined,
): void {
  const query = parseQuery(rawQuery);
  const filter: { hub?: string; event?: string; connectionId?: string; since?: number } = {};
  const hub = firstValue(query, "hub");
  const event = firstValue(query, "event");
  const connectionId = firstValue(query, "connectionid");
  const since = Number(firstValue(query, "since"));
  if (hub !== undefined) filter.hub = hub;
  if (event !== undefined) filter.event = event;
  if (connectionId !== undefined) filter.connectionId = connectionId;
  if (Number.isInteger(since)) filter.since = since;
  sendJson(res, 200, {
    configured: dispatcher?.active ?? false,
    templates: dispatcher?.getTemplates() ?? [],
    calls: dispatcher?.recorder.list(filter) ?? [],
  });
}
